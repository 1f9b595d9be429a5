/**
 * Runs the real CLI (`main`) with injected fakes: no ssh2, no runner, no terminal. Every fake records its calls
 * so tests can prove what was (not) contacted; `run` and `prompt` throw unless a test provides them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { HostRef } from '../../../src/check-api.js';
import type { CliDeps } from '../../../src/cli/deps.js';
import { main, type MainDeps } from '../../../src/cli/main.js';
import { silentProgress } from '../../../src/report/progress.js';
import type { RunOptions } from '../../../src/runner/run.js';
import type { Connector } from '../../../src/ssh/transport.js';
import { labConfig } from '../../support/check-harness.js';

export interface CliRun {
  code: number;
  exitCodeSet: number[];
  stdout: string;
  stderr: string;
  runCalls: RunOptions[];
  connectorCreated: number;
  connects: number;
  progressHosts: HostRef[][];
  prompts: string[];
}

/** A fresh working directory, removed when the test ends. */
export async function tempCwd(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ovirt-floppy-cli-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function runCli(args: string[], overrides: Partial<MainDeps> = {}): Promise<CliRun> {
  const result: CliRun = {
    code: -1,
    exitCodeSet: [],
    stdout: '',
    stderr: '',
    runCalls: [],
    connectorCreated: 0,
    connects: 0,
    progressHosts: [],
    prompts: [],
  };
  const connector: Connector = {
    connect: async (target) => {
      result.connects += 1;
      throw new Error(`unexpected connect to ${target.host}`);
    },
  };
  const base: CliDeps & MainDeps = {
    loadConfig: () => ({ config: labConfig(), warnings: [], file: '/etc/ovirt-floppy.yaml' }),
    run: async () => {
      throw new Error('run was not expected in this test');
    },
    loadRegistry: () => ({ checks: [], crossHostChecks: [], handlers: [] }),
    createConnector: () => {
      result.connectorCreated += 1;
      return connector;
    },
    engineFactsSource: async () => undefined,
    starterConfigYaml: async () => (await import('../../../src/config/starter.js')).starterConfigYaml(),
    createProgress: (hosts) => {
      result.progressHosts.push(hosts);
      return silentProgress();
    },
    stdout: { write: (text: string) => (result.stdout += text) },
    stderr: { write: (text: string) => (result.stderr += text) },
    isTTY: { stdin: false, stdout: false, stderr: false },
    env: {},
    cwd: overrides.cwd ?? (await tempCwd()),
    prompt: async () => {
      throw new Error('prompt was not expected in this test');
    },
    setExitCode: (code) => result.exitCodeSet.push(code),
  };
  const deps = { ...base, ...overrides };
  const run = deps.run;
  const prompt = deps.prompt;
  deps.run = async (options) => {
    result.runCalls.push(options);
    return run(options);
  };
  deps.prompt = async (question) => {
    result.prompts.push(question);
    return prompt(question);
  };
  result.code = await main(args, deps);
  return result;
}
