/**
 * Flags shared by several commands (DESIGN §2), defined once so their names and help never drift apart.
 */
import type { Argv } from 'yargs';
import { REPORT_FORMATS, type ReportFormat } from '../report/render.js';
import type { Outcome } from '../result/exit-code.js';
import type { CliDeps } from './deps.js';

export interface GlobalArgs {
  'accept-new-host-keys': boolean;
  color: boolean;
  debug: boolean;
}

/** What every command module receives: the injected dependencies and where to say how it ended. */
export interface CommandContext {
  deps: CliDeps;
  /** How the command ended; main.ts turns it into the exit code (yargs handlers cannot return one). */
  finish(outcome: Outcome): void;
}

export function addGlobalOptions<T>(y: Argv<T>): Argv<T & GlobalArgs> {
  return y
    .option('accept-new-host-keys', {
      type: 'boolean',
      default: false,
      describe: 'Append unknown host keys to known_hosts instead of refusing them (changed keys are always refused)',
    })
    .option('color', { type: 'boolean', default: true, describe: 'Colour the human report (--no-color, or NO_COLOR, turns it off)' })
    .option('debug', { type: 'boolean', default: false, describe: 'Print stack traces and cause chains of errors' });
}

export function addConfigOption<T>(y: Argv<T>) {
  return y.option('config', {
    alias: 'c',
    type: 'string',
    describe: 'Config file (YAML or JSON); default $OVIRT_FLOPPY_CONFIG, else ./ovirt-floppy.yaml',
  });
}

export function addOnlyOption<T>(y: Argv<T>) {
  return y.option('only', {
    type: 'string',
    array: true,
    describe: 'Only these roles (manager, hypervisor, sftp) or host names',
  });
}

export function addFormatOption<T>(y: Argv<T>) {
  return y.option('format', {
    choices: REPORT_FORMATS,
    default: 'human' as ReportFormat,
    describe: 'Report format; machine formats are silent on stderr except for errors',
  });
}

export function addVerboseOption<T>(y: Argv<T>) {
  return y.option('verbose', {
    alias: 'v',
    type: 'boolean',
    default: false,
    describe: 'Human report: list every check of every host (default: only what is not ok, grouped across hosts)',
  });
}

/** The exit-code contract, shown at the end of `--help` (conventions §9: document it where users look). */
export const EXIT_CODES_EPILOGUE = [
  'Exit codes: 0 all ok / converged; 1 drift or failed checks remain; 2 usage or config error, nothing',
  'contacted; 3 incomplete (a host unreachable or a check errored). With --format nagios: 0 OK,',
  '1 WARNING (warn-level drift only), 2 CRITICAL (error-level drift, errored check, unreachable host),',
  '3 UNKNOWN (usage, config or internal error).',
].join('\n');
