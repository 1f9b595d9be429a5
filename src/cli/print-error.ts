/**
 * How a failed command is told to the user (house-style §3.5): an AppError as its short message (a
 * ConfigError lists every `path: message`), anything else as a bug with its stack. `--debug` adds stacks and
 * the whole `cause` chain for everything.
 */
import { AppError, ConfigError, InternalError, UsageError } from '../errors.js';

export interface DescribedError {
  text: string;
  exitCode: number;
  /** One line for `OVIRT-FLOPPY UNKNOWN - ...`. */
  summary: string;
}

function causeChain(error: unknown): string[] {
  const lines: string[] = [];
  let cause = (error as { cause?: unknown })?.cause;
  for (let depth = 0; cause !== undefined && depth < 10; depth += 1) {
    lines.push(`caused by: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
    cause = (cause as { cause?: unknown })?.cause;
  }
  return lines;
}

export function describeError(error: unknown, debug: boolean): DescribedError {
  if (error instanceof AppError && !(error instanceof InternalError)) {
    const lines = [`ovirt-floppy: ${error.message}`];
    if (error instanceof ConfigError) lines.push('nothing was contacted');
    if (error instanceof UsageError) lines.push('run `ovirt-floppy --help` for usage');
    if (debug) lines.push(error.stack ?? '', ...causeChain(error));
    const summary =
      error instanceof ConfigError
        ? `configuration invalid: ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}${error.file ? ` in ${error.file}` : ''}`
        : error.message;
    return { text: `${lines.join('\n')}\n`, exitCode: error.exitCode, summary };
  }
  const bug =
    error instanceof InternalError ? error : new InternalError(error instanceof Error ? error.message : String(error), { cause: error });
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const lines = [`ovirt-floppy: internal error: ${bug.message}`, stack, ...causeChain(error), 'this is a bug, please report it'];
  return { text: `${lines.join('\n')}\n`, exitCode: bug.exitCode, summary: `internal error: ${bug.message}` };
}
