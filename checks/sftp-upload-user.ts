/**
 * sftp-upload-user: the upload account exists, has no shell (nologin/false) and no usable password (`*`).
 *
 * Why: the account may only upload over the chrooted internal-sftp (howto "Setting up sftp access"; conventions
 * §6). sshd skips the shell check when it chroots (facts §6.2), so nologin costs nothing. Password state `*`
 * rather than a `!` lock: a `!`-locked account cannot log in by KEY either when sshd runs with `UsePAM no`
 * (facts §6.2, auth.c allowed_user), and `*` matches no password while leaving key logins alone. The hash never
 * leaves the host (lib/passwd-shadow.ts). Gating: a missing user is the only finding. Role: sftp.
 */
import { defineCheck, type Finding, type Step } from '../src/check-api.js';
import { resolveSftp } from '../src/config/resolved.js';
import type { Config } from '../src/config/types.js';
import { ParseError } from '../src/errors.js';
import { parseGetentPasswd, type PasswdEntry } from './lib/passwd-entry.js';
import { parsePasswordState, passwordStateScript, type PasswordState } from './lib/passwd-shadow.js';
import { sftpConfigured } from './lib/sftp-config.js';

export interface UploadUserObserved {
  passwd?: PasswdEntry;
  password: PasswordState;
  /** nologin/false binaries that exist here, in preference order. */
  noLoginShells: string[];
}

const SHELL_CANDIDATES = ['/usr/sbin/nologin', '/sbin/nologin', '/usr/bin/false', '/bin/false'];

export function parseShellList(stdout: string): string[] {
  const lines = stdout.split('\n').filter(Boolean);
  const bad = lines.find((l) => !SHELL_CANDIDATES.includes(l));
  if (bad !== undefined) throw new ParseError('shell list', bad, 'not a nologin/false path');
  return lines;
}

export function isNoLoginShell(shell: string): boolean {
  return /(^|\/)(nologin|false)$/.test(shell);
}

/** EL's own accounts use /sbin/nologin (facts §5.1), Debian's /usr/sbin/nologin: take the one the OS uses. */
export function chooseShell(available: readonly string[], isEl: boolean): string | undefined {
  const order = isEl ? ['/sbin/nologin', '/usr/sbin/nologin', '/usr/bin/false', '/bin/false'] : SHELL_CANDIDATES;
  return order.find((s) => available.includes(s));
}

const PASSWORD_WORDS: Record<Exclude<PasswordState, 'nopass' | 'absent'>, string> = {
  locked: 'is locked with "!": key logins fail if sshd ever runs with UsePAM no (facts §6.2)',
  'locked-hash': 'is a locked password hash: key logins fail with UsePAM no, and unlocking would revive the password',
  empty: 'is empty: a login without any secret wherever PAM allows it',
  hash: 'is a usable password hash: the account must be key-only',
};

export default defineCheck<UploadUserObserved, Config>({
  id: 'sftp-upload-user',
  title: 'the upload user exists, without shell or password',
  roles: ['sftp'],
  severity: 'error',
  appliesTo: sftpConfigured,
  probe: ({ config }) => {
    const user = resolveSftp(config).uploadUser;
    return {
      passwd: { run: ['getent', 'passwd', user], parse: parseGetentPasswd },
      password: { run: { sh: passwordStateScript(user) }, parse: (out) => parsePasswordState(out) },
      noLoginShells: {
        run: { sh: `for p in ${SHELL_CANDIDATES.join(' ')}; do [ -x "$p" ] && echo "$p"; done; true` },
        parse: (out) => parseShellList(out),
      },
    };
  },
  compare: (o, { config }) => {
    const user = resolveSftp(config).uploadUser;
    // Without any nologin/false binary there is no shell to give the account: say so instead of failing a step.
    const manual = o.noLoginShells.length === 0 ? { fixable: false, message: ' (no nologin or false binary on this host)' } : undefined;
    if (!o.passwd)
      return [
        { code: 'user-missing', message: `user ${user} does not exist${manual?.message ?? ''}`, ...(manual ? { fixable: false } : {}) },
      ];
    const findings: Finding[] = [];
    if (!isNoLoginShell(o.passwd.shell)) {
      findings.push({
        code: 'user-has-shell',
        message: `${user} has login shell ${o.passwd.shell}${manual?.message ?? ''}`,
        expected: 'nologin or false',
        actual: o.passwd.shell,
        ...(manual ? { fixable: false } : {}),
      });
    }
    if (o.password === 'absent') {
      findings.push({
        code: 'password-unknown',
        severity: 'info',
        message: `${user} has no local shadow entry (directory user?): password not checked`,
      });
    } else if (o.password !== 'nopass') {
      const code = o.password === 'hash' ? 'password-set' : o.password === 'empty' ? 'password-empty' : 'password-locked';
      findings.push({ code, message: `password of ${user} ${PASSWORD_WORDS[o.password]}`, expected: '*', actual: o.password });
    }
    return findings;
  },
  fix: (o, { config, facts }) => {
    const user = resolveSftp(config).uploadUser;
    const shell = chooseShell(o.noLoginShells, facts.redhatRelease !== undefined);
    if (!shell) return [];
    if (!o.passwd) {
      return [
        {
          describe: `create user ${user} (home directory, shell ${shell}, no password)`,
          run: { argv: ['useradd', '-m', '-s', shell, '-p', '*', '-c', 'ovirt-floppy sftp upload', user] },
        },
      ];
    }
    const steps: Step[] = [];
    if (!isNoLoginShell(o.passwd.shell))
      steps.push({ describe: `set the shell of ${user} to ${shell}`, run: { argv: ['usermod', '-s', shell, user] } });
    if (o.password !== 'nopass' && o.password !== 'absent') {
      steps.push({ describe: `set the password of ${user} to "*" (none, key logins only)`, run: { argv: ['usermod', '-p', '*', user] } });
    }
    return steps;
  },
});
