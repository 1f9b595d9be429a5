/**
 * sftp-authorized-keys: every configured public key is in ~uploadUser/.ssh/authorized_keys; `.ssh` is 0700 and
 * the file 0600, both owned by the user; the home directory is not writable by group or other.
 *
 * Why: the upload user logs in by key only (howto "Setting up ssh-keys"). sshd's StrictModes refuses keys
 * whose file, `.ssh` or home directory can be written by others (sshd(8), auth.c auth_secure_path). Keys are
 * added, never removed or rewritten: other lines stay byte for byte. SELinux hosts get `restorecon` on `.ssh`
 * (howto; a file created elsewhere keeps a label sshd may not read). Role: sftp. Needs sftp-upload-user.
 */
import { defineCheck, type Finding, type Step } from '../src/check-api.js';
import { resolveSftp } from '../src/config/resolved.js';
import type { Config } from '../src/config/types.js';
import { ParseError } from '../src/errors.js';
import { quoteArg } from '../src/shell/quote.js';
import { parsePasswdLine, type PasswdEntry } from './lib/passwd-entry.js';
import { appendKeys, describeKey, missingKeys } from './lib/sftp-authorized-keys.js';
import { sftpConfigured } from './lib/sftp-config.js';
import { isGroupOrOtherWritable, octal, parseStatLines, STAT_FORMAT, type StatEntry } from './lib/stat-lines.js';

export interface AuthorizedKeysObserved {
  user?: PasswdEntry;
  home?: StatEntry;
  sshDir?: StatEntry;
  file?: StatEntry;
  /** Content of authorized_keys ('' when missing). */
  content: string;
}

const MARKER = '@@authorized_keys';

/** One fragment: resolve the home from passwd (no fork beyond getent), stat the three paths, print the file. */
export function authorizedKeysScript(user: string): string {
  return [
    `e=$(getent passwd ${quoteArg(user)}) || exit 0`,
    'printf \'user %s\\n\' "$e"',
    'h=${e#*:*:*:*:*:}; h=${h%%:*}',
    `stat -L -c '${STAT_FORMAT}' -- "$h" "$h/.ssh" "$h/.ssh/authorized_keys"`,
    `echo '${MARKER}'`,
    'cat -- "$h/.ssh/authorized_keys"',
    'true',
  ].join('\n');
}

export function parseAuthorizedKeys(stdout: string): AuthorizedKeysObserved {
  if (stdout === '') return { content: '' };
  const cut = stdout.indexOf(`\n${MARKER}\n`);
  const first = stdout.split('\n', 1)[0]!;
  if (cut < 0 || !first.startsWith('user ')) throw new ParseError('authorized_keys probe', stdout, `expected "user ..." and ${MARKER}`);
  const user = parsePasswdLine(first.slice(5));
  const stats = parseStatLines(stdout.slice(first.length + 1, cut + 1), 'stat of home/.ssh');
  const ssh = `${user.home}/.ssh`;
  const file = stats.get(`${ssh}/authorized_keys`);
  return { user, home: stats.get(user.home), sshDir: stats.get(ssh), file, content: file ? stdout.slice(cut + MARKER.length + 2) : '' };
}

interface Wanted {
  findings: Finding[];
  steps: Step[];
}

function evaluate(o: AuthorizedKeysObserved, config: Config, selinux: boolean): Wanted {
  const { uploadUser: name, authorizedKeys } = resolveSftp(config);
  const user = o.user;
  if (!user) return { findings: [{ code: 'user-missing', message: `user ${name} does not exist`, fixable: false }], steps: [] };
  const ssh = `${user.home}/.ssh`;
  const path = `${ssh}/authorized_keys`;
  const owner = `${name}:${user.gid}`;
  const findings: Finding[] = [];
  const steps: Step[] = [];
  if (!o.home || o.home.type !== 'directory') {
    return {
      findings: [{ code: 'home-missing', message: `home directory ${user.home} of ${name} does not exist`, fixable: false }],
      steps,
    };
  }
  if ((o.home.uid !== 0 && o.home.uid !== user.uid) || isGroupOrOtherWritable(o.home.mode)) {
    findings.push({
      code: 'home-not-secure',
      message: `${user.home} is ${o.home.user} ${octal(o.home.mode)}: sshd StrictModes ignores the keys`,
      expected: `owner ${name} or root, not group/other-writable`,
    });
    if (o.home.uid !== 0 && o.home.uid !== user.uid)
      steps.push({ describe: `chown ${name} ${user.home}`, run: { argv: ['chown', name, user.home] } });
    if (isGroupOrOtherWritable(o.home.mode))
      steps.push({ describe: `chmod go-w ${user.home}`, run: { argv: ['chmod', 'go-w', user.home] } });
  }
  if (!o.sshDir) {
    findings.push({ code: 'ssh-dir-missing', message: `${ssh} does not exist` });
    steps.push({
      describe: `create ${ssh} (0700, ${name})`,
      run: { argv: ['install', '-d', '-m', '0700', '-o', name, '-g', String(user.gid), ssh] },
    });
  } else {
    if (o.sshDir.uid !== user.uid) {
      findings.push({ code: 'ssh-dir-owner', message: `${ssh} is owned by ${o.sshDir.user}`, expected: name, actual: o.sshDir.user });
      steps.push({ describe: `chown ${owner} ${ssh}`, run: { argv: ['chown', owner, ssh] } });
    }
    if ((o.sshDir.mode & 0o777) !== 0o700) {
      findings.push({
        code: 'ssh-dir-mode',
        message: `${ssh} has mode ${octal(o.sshDir.mode)}`,
        expected: '0700',
        actual: octal(o.sshDir.mode),
      });
      steps.push({ describe: `chmod 0700 ${ssh}`, run: { argv: ['chmod', '0700', ssh] } });
    }
  }
  const missing = missingKeys(o.content, authorizedKeys);
  for (const key of missing) findings.push({ code: 'key-missing', message: `${path} lacks ${describeKey(key)}` });
  if (missing.length > 0) {
    const writeFile = {
      path,
      content: appendKeys(o.content, missing),
      mode: '0600',
      owner: name,
      group: String(user.gid),
      before: o.file ? o.content : undefined,
    };
    steps.push({ describe: `add ${missing.length} key${missing.length > 1 ? 's' : ''} to ${path}`, run: { writeFile } });
  } else if (o.file) {
    if (o.file.uid !== user.uid) {
      findings.push({ code: 'keys-file-owner', message: `${path} is owned by ${o.file.user}`, expected: name, actual: o.file.user });
      steps.push({ describe: `chown ${owner} ${path}`, run: { argv: ['chown', owner, path] } });
    }
    if ((o.file.mode & 0o777) !== 0o600) {
      findings.push({
        code: 'keys-file-mode',
        message: `${path} has mode ${octal(o.file.mode)}`,
        expected: '0600',
        actual: octal(o.file.mode),
      });
      steps.push({ describe: `chmod 0600 ${path}`, run: { argv: ['chmod', '0600', path] } });
    }
  }
  if (steps.length > 0 && selinux) steps.push({ describe: `restorecon -R ${ssh}`, run: { argv: ['restorecon', '-R', ssh] } });
  return { findings, steps };
}

export default defineCheck<{ keys: AuthorizedKeysObserved }, Config>({
  id: 'sftp-authorized-keys',
  title: "the upload user's authorized_keys holds every configured key, with safe permissions",
  roles: ['sftp'],
  severity: 'error',
  // Never a key for a user sshd does not confine yet (list-sftp.ts).
  dependsOn: ['sftp-upload-user', 'sftp-sshd-chroot'],
  appliesTo: (ctx) => {
    const configured = sftpConfigured(ctx);
    return configured !== true ? configured : ctx.config.sftp!.authorizedKeys.length > 0 ? true : 'no sftp.authorizedKeys configured';
  },
  probe: ({ config }) => ({
    keys: { run: { sh: authorizedKeysScript(resolveSftp(config).uploadUser) }, parse: (out) => parseAuthorizedKeys(out) },
  }),
  compare: (o, { config }) => evaluate(o.keys, config, false).findings,
  fix: (o, { config, facts }) => evaluate(o.keys, config, facts.selinux === 'enforcing' || facts.selinux === 'permissive').steps,
});
