/**
 * The command line (DESIGN §2) and the only exit point (house-style §3.5): every command's result and every
 * error end here as one exit code. `main(argv, deps?)` takes injected dependencies so tests run the real CLI
 * against fakes.
 */
import yargs from 'yargs';
import { UsageError } from '../errors.js';
import { decideExitCode, type Outcome } from '../result/exit-code.js';
import { TOOL_VERSION } from '../version.js';
import { renderNagiosUnknown } from '../report/nagios.js';
import { applyCommand } from './commands/apply.js';
import { checkCommand } from './commands/check.js';
import { makeImageCommand } from './commands/image.js';
import { initCommand } from './commands/init.js';
import { smokeCommand } from './commands/smoke.js';
import { type CliDeps, defaultDeps } from './deps.js';
import { type CommandContext, EXIT_CODES_EPILOGUE, addGlobalOptions } from './options.js';
import { describeError } from './print-error.js';

export interface MainDeps extends CliDeps {
  /** Where the exit code goes. @defaultValue sets process.exitCode (never process.exit: stdout must drain) */
  setExitCode(code: number): void;
}

function buildParser(ctx: CommandContext, width: number) {
  return addGlobalOptions(yargs())
    .scriptName('ovirt-floppy')
    .usage('$0 <command> [options]\n\nPrepare, audit and prove an oVirt environment for per-VM floppy payloads.')
    .command(checkCommand(ctx))
    .command(applyCommand(ctx))
    .command(smokeCommand(ctx))
    .command(makeImageCommand({ print: (line) => ctx.deps.stdout.write(`${line}\n`), finish: ctx.finish }))
    .command(initCommand(ctx))
    .demandCommand(1, 'Name a command: check, apply, smoke, image or init.')
    .strict()
    .recommendCommands()
    .version(TOOL_VERSION)
    .help()
    .epilogue(EXIT_CODES_EPILOGUE)
    .wrap(width)
    .exitProcess(false)
    .fail((message, error) => {
      // yargs validation gives a message; an error thrown by a handler is passed through untouched.
      throw error ?? new UsageError(message);
    });
}

/** `--format` as written on the command line, for errors raised before (or while) yargs parses it. */
function rawFormat(argv: string[]): string | undefined {
  for (const [i, arg] of argv.entries()) {
    if (arg === '--format') return argv[i + 1];
    if (arg.startsWith('--format=')) return arg.slice('--format='.length);
  }
  return undefined;
}

async function parseAndRun(argv: string[], deps: CliDeps): Promise<Outcome> {
  // --help and --version end without a command: nothing to judge.
  let outcome: Outcome = { kind: 'done' };
  const ctx: CommandContext = { deps, finish: (ended) => (outcome = ended) };
  const width = Math.min(100, (deps.stdout as { columns?: number }).columns ?? 100);
  const helpText = await new Promise<string>((resolve, reject) => {
    buildParser(ctx, width)
      .parseAsync(argv, {}, (error, _args, output) => (error ? reject(error) : resolve(output)))
      .catch(reject);
  });
  // --help / --version: yargs hands us the text instead of printing it.
  if (helpText) deps.stdout.write(`${helpText}\n`);
  return outcome;
}

export async function main(argv: string[], overrides: Partial<MainDeps> = {}): Promise<number> {
  const deps: CliDeps = { ...defaultDeps(), ...overrides };
  const setExitCode = overrides.setExitCode ?? ((code: number) => (process.exitCode = code));
  const format = rawFormat(argv);
  let outcome: Outcome;
  try {
    outcome = await parseAndRun(argv, deps);
  } catch (error) {
    const described = describeError(error, argv.includes('--debug'));
    deps.stderr.write(described.text);
    if (format === 'nagios') deps.stdout.write(renderNagiosUnknown(described.summary));
    outcome = { kind: 'failed', exitCode: described.exitCode, format };
  }
  const exitCode = decideExitCode(outcome);
  setExitCode(exitCode);
  return exitCode;
}
