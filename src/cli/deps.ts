/**
 * Everything the CLI touches outside itself, injectable so tests run `main()` with fakes (house-style: no
 * module mocks). Defaults load the real modules lazily: `--help` or a config error never loads ssh2, and
 * modules owned by others can land independently.
 */
import { createInterface } from 'node:readline/promises';
import type { EngineFacts, HostRef, Registry } from '../check-api.js';
import type { Config } from '../config/types.js';
import type { Issue } from '../errors.js';
import type { RunReport } from '../result/model.js';
import { listrProgress, type ProgressView } from '../report/progress.js';
import type { RunOptions } from '../runner/run.js';
import type { Connector } from '../ssh/transport.js';

export interface LoadedConfig {
  config: Config;
  warnings: Issue[];
  file: string;
}

export interface LoadConfigOptions {
  /** `-c FILE`; else $OVIRT_FLOPPY_CONFIG, else ./ovirt-floppy.yaml (decided by the config module). */
  path?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** A text sink: process.stdout / process.stderr, or a buffer in tests. */
export interface TextWriter {
  write(text: string): unknown;
}

export interface CliDeps {
  /** Throws ConfigError with every issue; contacts nobody. */
  loadConfig(options: LoadConfigOptions): LoadedConfig | Promise<LoadedConfig>;
  run(options: RunOptions): Promise<RunReport>;
  /** The checks, cross-host checks and handlers (checks/index.ts). */
  loadRegistry(): Registry<Config> | Promise<Registry<Config>>;
  createConnector(): Connector | Promise<Connector>;
  /**
   * How the runner asks the running engine (REST API) for its facts; undefined without `engineApi`. Reads the
   * API password now, so a missing one is a ConfigError before anything is contacted.
   */
  engineFactsSource(config: Config, env: NodeJS.ProcessEnv): Promise<(() => Promise<EngineFacts | undefined>) | undefined>;
  starterConfigYaml(): string | Promise<string>;
  /** The progress display on stderr (only asked for when stderr is a TTY and the format is human). */
  createProgress(hosts: HostRef[]): ProgressView;
  stdout: TextWriter;
  stderr: TextWriter;
  isTTY: { stdin: boolean; stdout: boolean; stderr: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Ask one question on the terminal; resolves with the answer line. */
  prompt(question: string): Promise<string>;
}

async function askOnTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

async function engineFactsSource(config: Config, env: NodeJS.ProcessEnv) {
  const apiConfig = config.engineApi;
  if (!apiConfig) return undefined;
  const [{ EngineApi }, { fetchEngineFacts }, { readEngineApiPassword }] = await Promise.all([
    import('../engine-api/client.js'),
    import('../engine-api/options.js'),
    import('../engine-api/password.js'),
  ]);
  const api = new EngineApi(apiConfig, readEngineApiPassword(apiConfig, env));
  return () => fetchEngineFacts(api);
}

export function defaultDeps(): CliDeps {
  return {
    loadConfig: async (options) => (await import('../config/index.js')).loadConfig(options),
    run: async (options) => (await import('../runner/run.js')).run(options),
    loadRegistry: async () => (await import('../../checks/index.js')).registry,
    createConnector: async () => new (await import('../ssh/ssh2-transport.js')).Ssh2Connector(),
    engineFactsSource,
    starterConfigYaml: async () => (await import('../config/starter.js')).starterConfigYaml(),
    createProgress: (hosts) => listrProgress({ hosts, stream: process.stderr }),
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: { stdin: process.stdin.isTTY === true, stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
    env: process.env,
    cwd: process.cwd(),
    prompt: askOnTerminal,
  };
}
