/**
 * Tells a refusal of `sudo -n` itself apart from a probe script that failed: only the first is a login that
 * cannot become root, which the report must say once, with the user and the remedy (issue #13).
 *
 * sudo refused when: the command was wrapped (non-root login, become: sudo), it failed, it printed nothing on
 * stdout (the script's first act is to print the facts, so nothing means it never started), and stderr's first
 * line is sudo's own: `sudo: a password is required` (exit 1; also when the user has no sudoers rule at all),
 * `Sorry, user U is not allowed to execute …` (a rule for other commands only), or the shell's "sudo: not found"
 * (exit 127).
 */
import type { HostTarget } from '../config/types.js';
import { SudoRefusedError } from '../errors.js';
import { buildRemoteCommand, needsSudo } from '../ssh/remote-command.js';
import type { ExecResult } from '../ssh/transport.js';

const SUDO_MISSING = /\bsudo: (?:command )?not found\b/;
const SUDO_OWN_LINE = /^(?:sudo: |Sorry, user )/;

export function sudoRefusal(
  target: Pick<HostTarget, 'name' | 'user' | 'become'>,
  command: string,
  result: Pick<ExecResult, 'exitCode' | 'stdout' | 'stderr' | 'stdoutRaw'>,
): SudoRefusedError | undefined {
  if (!needsSudo(target, true) || result.exitCode === 0) return undefined;
  if ((result.stdoutRaw?.length ?? result.stdout.length) > 0) return undefined;
  const first = result.stderr
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean);
  if (!first) return undefined;
  const missing = result.exitCode === 127 && SUDO_MISSING.test(first);
  if (!missing && !SUDO_OWN_LINE.test(first)) return undefined;
  return new SudoRefusedError(target.name, target.user, buildRemoteCommand(command, target), result.exitCode, first, missing);
}
