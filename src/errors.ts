/**
 * Every error class of ovirt-floppy. Depends on nothing of ours.
 *
 * Each class declares the exit code its kind of failure means per DESIGN.md §2: 2 usage/config (nothing
 * contacted), 3 incomplete (unreachable host or errored check). The process's exit code is decided once, by
 * decideExitCode (src/result/exit-code.ts) in src/cli/main.ts. Drift (exit 1) is never an exception: it is a result.
 */

export interface Issue {
  /** JSON-pointer-like dotted path into the config, e.g. `sftp.chrootDir` or `hypervisors[1].host`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: string = 'app-error';
  readonly exitCode: number = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
AppError.prototype.name = 'AppError';

/** Bad command line: unknown flag, missing argument, refused combination. */
export class UsageError extends AppError {
  override readonly code = 'usage';
  override readonly exitCode = 2;
}
UsageError.prototype.name = 'UsageError';

/** The configuration is invalid; every problem is listed at once. */
export class ConfigError extends AppError {
  override readonly code = 'config';
  override readonly exitCode = 2;
  constructor(
    readonly issues: Issue[],
    readonly file?: string,
  ) {
    super(
      `${file ? `${file}: ` : ''}${issues.length} configuration problem${issues.length === 1 ? '' : 's'}:\n` +
        issues.map((i) => `  ${i.path}: ${i.message}`).join('\n'),
    );
  }
}
ConfigError.prototype.name = 'ConfigError';

export type ConnectReason = 'dns' | 'refused' | 'timeout' | 'auth' | 'hostkey' | 'protocol';

/** Could not open (or keep) the SSH connection to a host. */
export class ConnectError extends AppError {
  override readonly code = 'connect';
  override readonly exitCode = 3;
  constructor(
    readonly host: string,
    readonly reason: ConnectReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${host}: ${reason}: ${message}`, options);
  }
}
ConnectError.prototype.name = 'ConnectError';

/** A host key was refused (unknown, changed or revoked). A ConnectError with reason `hostkey`. */
export class HostKeyError extends ConnectError {
  constructor(
    host: string,
    readonly keyType: string,
    readonly fingerprint: string,
    readonly why: 'unknown' | 'changed' | 'revoked',
    hint: string,
  ) {
    super(host, 'hostkey', `${why} ${keyType} host key ${fingerprint}; ${hint}`);
  }
}
HostKeyError.prototype.name = 'HostKeyError';

const EXIT_HINTS: Record<number, string> = {
  1: 'failed',
  2: 'failed (misuse or error)',
  124: 'timed out (timeout(1))',
  126: 'cannot execute',
  127: 'command not found',
  255: 'failed (ssh/sshd fatal)',
};

/** A remote command did not do what a step needed. Non-zero exits of probes are values, not this. */
export class RemoteCommandError extends AppError {
  override readonly code = 'remote-command';
  override readonly exitCode = 3;
  constructor(
    readonly host: string,
    readonly command: string,
    readonly remoteExitCode: number | null,
    readonly signal: string | undefined,
    readonly stderrTail: string,
  ) {
    const why =
      remoteExitCode === null
        ? signal
          ? `killed by ${signal}`
          : 'ended without an exit status'
        : `exit ${remoteExitCode}${EXIT_HINTS[remoteExitCode] ? ` (${EXIT_HINTS[remoteExitCode]})` : ''}`;
    // The FIRST line says what went wrong (systemd's "Job for X failed", sshd's complaint); later ones are hints.
    const firstLine = stderrTail.trim().split('\n').filter(Boolean)[0];
    super(`${host}: \`${command}\` ${why}${firstLine ? `: ${firstLine}` : ''}`);
  }
}
RemoteCommandError.prototype.name = 'RemoteCommandError';

/**
 * A non-root login's `sudo -n` refused before anything ran (a password is required, the user may not use sudo,
 * sudo is not installed). `-n` makes it fail instead of prompting, so no password is ever asked for (DESIGN §3).
 * One message with everything an operator needs: host, login user, the command, sudo's own first line, the remedy.
 */
export class SudoRefusedError extends AppError {
  override readonly code = 'sudo-refused';
  override readonly exitCode = 3;
  constructor(
    readonly host: string,
    readonly user: string,
    readonly command: string,
    readonly remoteExitCode: number | null,
    readonly firstStderrLine: string,
    readonly sudoMissing: boolean,
  ) {
    const remedy = `${sudoMissing ? 'install sudo and ' : ''}give ${user} passwordless sudo (NOPASSWD) for the commands, or log in as root`;
    super(
      `${host}: the login user ${user} cannot become root: \`${command}\` exit ${remoteExitCode ?? '?'}: ${firstStderrLine}; ${remedy}`,
    );
  }
}
SudoRefusedError.prototype.name = 'SudoRefusedError';

/** A remote command or the whole exec exceeded its time limit. */
export class TimeoutError extends AppError {
  override readonly code = 'timeout';
  override readonly exitCode = 3;
  constructor(
    readonly host: string,
    readonly what: string,
    readonly timeoutMs: number,
  ) {
    super(`${host}: ${what} timed out after ${timeoutMs} ms`);
  }
}
TimeoutError.prototype.name = 'TimeoutError';

/** A probe's output could not be understood. Recorded as check status `error`, never a crash. */
export class ParseError extends AppError {
  override readonly code = 'parse';
  override readonly exitCode = 3;
  constructor(
    readonly what: string,
    readonly excerpt: string,
    detail?: string,
  ) {
    super(`cannot parse ${what}${detail ? ` (${detail})` : ''}: ${JSON.stringify(excerpt.slice(0, 200))}`);
  }
}
ParseError.prototype.name = 'ParseError';

/** A planned step failed while applying; later steps of that host are not run. */
export class StepFailedError extends AppError {
  override readonly code = 'step-failed';
  override readonly exitCode = 3;
  constructor(
    readonly step: string,
    options: { cause: unknown },
  ) {
    super(`step "${step}" failed: ${(options.cause as Error)?.message ?? String(options.cause)}`, options);
  }
}
StepFailedError.prototype.name = 'StepFailedError';

/** A value that must never reach a shell (path, user name) held shell metacharacters. */
export class UnsafeValueError extends AppError {
  override readonly code = 'unsafe-value';
  override readonly exitCode = 2;
}
UnsafeValueError.prototype.name = 'UnsafeValueError';

/** An sftp operation failed (smoke upload, cleanup). */
export class SftpError extends AppError {
  override readonly code = 'sftp';
  override readonly exitCode = 3;
  constructor(
    readonly host: string,
    readonly operation: string,
    readonly path: string,
    readonly status: number | undefined,
    detail: string,
  ) {
    super(`${host}: sftp ${operation} ${path} failed: ${detail}`);
  }
}
SftpError.prototype.name = 'SftpError';

/** The report could not be written to --output. */
export class OutputWriteError extends AppError {
  override readonly code = 'output';
  override readonly exitCode = 3;
}
OutputWriteError.prototype.name = 'OutputWriteError';

/** A bug in ovirt-floppy itself. */
export class InternalError extends AppError {
  override readonly code = 'internal';
  // DESIGN §2 allows only 0-3; a bug means the result is incomplete.
  override readonly exitCode = 3;
}
InternalError.prototype.name = 'InternalError';
