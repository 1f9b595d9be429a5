/**
 * The one function that turns values into shell words. Every remote command is built from argv through
 * `quote()`; nothing else may interpolate into a shell string. Pure, so checks may import it.
 */
import { UnsafeValueError } from '../errors.js';

// Words made only of these characters need no quoting; everything else is single-quoted.
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quote one argument for a POSIX shell (sh, dash, bash). */
export function quoteArg(arg: string): string {
  if (arg.includes('\0')) throw new UnsafeValueError('a shell argument cannot contain a NUL byte');
  if (arg !== '' && PLAIN_WORD.test(arg)) return arg;
  // Inside single quotes nothing is special except the quote itself: close, emit \', reopen.
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Join argv into one shell command line. */
export function quote(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ');
}

// Paths and names that end up in config files (sshd_config, fstab) and commands: no shell metacharacters,
// no whitespace, no control characters. Quoting makes commands safe, but fstab and sshd_config have their
// own syntax, so such values are refused outright.
// Written without nested quantifiers: `(?:x+\/?)*` backtracks exponentially on a long bad path.
const SAFE_PATH = /^\/(?:[A-Za-z0-9._+@:-]+(?:\/[A-Za-z0-9._+@:-]+)*\/?)?$/;
const SAFE_NAME = /^[a-z_][a-z0-9_-]{0,31}\$?$/;

export function isSafePath(path: string): boolean {
  return SAFE_PATH.test(path) && !path.split('/').includes('..');
}

export function isSafeUserName(name: string): boolean {
  return SAFE_NAME.test(name);
}

export function assertSafePath(path: string, what = 'path'): string {
  if (!isSafePath(path)) throw new UnsafeValueError(`${what} ${JSON.stringify(path)} is not a plain absolute path`);
  return path;
}

export function assertSafeUserName(name: string, what = 'user name'): string {
  if (!isSafeUserName(name)) throw new UnsafeValueError(`${what} ${JSON.stringify(name)} is not a valid user name`);
  return name;
}
