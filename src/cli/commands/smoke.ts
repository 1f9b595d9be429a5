/**
 * `ovirt-floppy smoke`: prove the chain end to end (issue 5 §2; the stages live in src/smoke/). The handler
 * maps argv to options; `runSmokeCommand` loads the config (contacting nobody), reads the engine API password
 * once (a missing one is a config error, exit 2, before anything is contacted), runs the stages, renders the
 * report and returns it as the command's outcome (exit code: 0 every stage ok or skipped, 1 a stage failed or
 * the checks drift, 3 a host was unreachable during the preflight).
 */
import type { CommandModule } from 'yargs';
import type { Config } from '../../config/types.js';
import type { Outcome } from '../../result/exit-code.js';
import { resolveColorLevel } from '../../report/human.js';
import type { RunReport, SmokeStage } from '../../result/model.js';
import { isMachineFormat, renderReport, type ReportFormat } from '../../report/render.js';
import type { EngineRequester, SmokeDeps, SmokeOptions, SmokeProgress } from '../../smoke/types.js';
import type { CliDeps, TextWriter } from '../deps.js';
import { type CommandContext, type GlobalArgs, addConfigOption, addFormatOption } from '../options.js';

interface SmokeArgs extends GlobalArgs {
  config?: string;
  keep: boolean;
  format: ReportFormat;
}

export interface SmokeCommandOptions {
  configPath?: string;
  keep: boolean;
  format: ReportFormat;
  acceptNewHostKeys: boolean;
  color: boolean;
}

/** What the smoke command needs beyond CliDeps; tests replace these. */
export interface SmokeCommandDeps {
  runSmoke(options: SmokeOptions, deps: SmokeDeps): Promise<RunReport>;
  /** The engine REST client for the VM stage; reads the password (never argv, logs or the report). */
  createEngineApi(config: Config, env: NodeJS.ProcessEnv): Promise<EngineRequester | undefined>;
}

async function defaultEngineApi(config: Config, env: NodeJS.ProcessEnv): Promise<EngineRequester | undefined> {
  const apiConfig = config.engineApi;
  if (!apiConfig || !config.smoke?.vm) return undefined;
  const [{ EngineApi }, { readEngineApiPassword }] = await Promise.all([
    import('../../engine-api/client.js'),
    import('../../engine-api/password.js'),
  ]);
  return new EngineApi(apiConfig, readEngineApiPassword(apiConfig, env));
}

export const defaultSmokeCommandDeps: SmokeCommandDeps = {
  runSmoke: async (options, deps) => (await import('../../smoke/run-smoke.js')).runSmoke(options, deps),
  createEngineApi: defaultEngineApi,
};

/** One line per stage on stderr (a terminal, human format only): the smoke run takes seconds to minutes. */
export function lineProgress(out: TextWriter): SmokeProgress {
  return {
    stageStarted: (name) => out.write(`smoke: ${name} …\n`),
    stageFinished: (stage: SmokeStage) => out.write(`smoke: ${stage.name} ${stage.status} (${stage.durationMs} ms)\n`),
  };
}

export async function runSmokeCommand(
  options: SmokeCommandOptions,
  deps: CliDeps,
  extra: Partial<SmokeCommandDeps> = {},
): Promise<Outcome> {
  const own = { ...defaultSmokeCommandDeps, ...extra };
  const loaded = await deps.loadConfig({ path: options.configPath, env: deps.env, cwd: deps.cwd });
  for (const w of loaded.warnings) deps.stderr.write(`warning: ${loaded.file}: ${w.path}: ${w.message}\n`);
  const { config } = loaded;
  const engineFacts = await deps.engineFactsSource(config, deps.env);
  const engineApi = await own.createEngineApi(config, deps.env);
  const showProgress = !isMachineFormat(options.format) && deps.isTTY.stderr;
  const report = await own.runSmoke(
    { config, keep: options.keep, acceptNewHostKeys: options.acceptNewHostKeys },
    {
      connector: await deps.createConnector(),
      runChecks: deps.run,
      registry: await deps.loadRegistry(),
      ...(engineFacts ? { engineFacts } : {}),
      ...(engineApi ? { engineApi } : {}),
      ...(showProgress ? { progress: lineProgress(deps.stderr) } : {}),
    },
  );
  const colorLevel = resolveColorLevel({ color: options.color, env: deps.env, isTTY: deps.isTTY.stdout });
  deps.stdout.write(renderReport(report, options.format, { colorLevel }));
  return { kind: 'report', report, format: options.format };
}

export function smokeCommand(ctx: CommandContext): CommandModule<GlobalArgs, SmokeArgs> {
  return {
    command: 'smoke',
    describe:
      'End-to-end test: checks, build and upload a test image as the upload user, prove confinement, visibility and the hook, boot the test VM with it, clean up',
    builder: (y) =>
      addFormatOption(addConfigOption(y))
        .option('keep', {
          type: 'boolean',
          default: false,
          describe: 'Leave the uploaded test image in place for inspection (the VM is stopped regardless)',
        })
        .example('$0 smoke', 'run every stage against ./ovirt-floppy.yaml')
        .example('$0 smoke --keep --format json', 'keep the image, report as JSON'),
    handler: async (argv) =>
      ctx.finish(
        await runSmokeCommand(
          {
            configPath: argv.config,
            keep: argv.keep,
            format: argv.format,
            acceptNewHostKeys: argv['accept-new-host-keys'],
            color: argv.color,
          },
          ctx.deps,
        ),
      ),
  };
}
