/**
 * The state of an account's password, classified ON the host so the hash itself never travels or lands in a
 * report. Only pure shell parameter expansion after one `getent shadow` (no extra forks).
 *
 *  - `nopass`: `*` (or `*LK*`, `*NP*`): no password can match; key logins work with and without PAM. This is
 *    what an sftp-only key user should have.
 *  - `locked` / `locked-hash`: `!`-prefixed (what `passwd -l` and a bare `useradd` leave). No password login,
 *    but with `UsePAM no` sshd also refuses KEY logins for such an account (facts §6.2, auth.c allowed_user).
 *  - `empty`: no password at all; a login without any secret where PAM/PermitEmptyPasswords allow it.
 *  - `hash`: a usable password.
 *  - `absent`: no shadow entry (no such user).
 */
import { ParseError } from '../../src/errors.js';
import { quoteArg } from '../../src/shell/quote.js';

export type PasswordState = 'nopass' | 'locked' | 'locked-hash' | 'empty' | 'hash' | 'absent';
const STATES: readonly PasswordState[] = ['nopass', 'locked', 'locked-hash', 'empty', 'hash', 'absent'];

/** Shell fragment printing one PasswordState word for `user` (a validated user name). */
export function passwordStateScript(user: string): string {
  return [
    `s=$(getent shadow ${quoteArg(user)}) || { echo absent; exit 0; }`,
    'p=${s#*:}; p=${p%%:*}',
    'case $p in',
    "  '') echo empty ;;",
    "  '!'*) q=${p#'!'}; q=${q#'!'}; case $q in ''|'*'*) echo locked ;; *) echo locked-hash ;; esac ;;",
    "  '*'*) echo nopass ;;",
    '  *) echo hash ;;',
    'esac',
  ].join('\n');
}

export function parsePasswordState(stdout: string): PasswordState {
  const word = stdout.trim() as PasswordState;
  if (!STATES.includes(word)) throw new ParseError('password state', stdout, `expected one of ${STATES.join(', ')}`);
  return word;
}
