/**
 * Access to a directory as other users, without writing anything: one `getent passwd` for both users, then one
 * `setpriv … test` per user that exists, with the uid and gid that same getent printed.
 *
 * Why setpriv and not runuser: runuser opens a PAM session (pam_unix, pam_limits, pam_systemd… per the host's
 * /etc/pam.d/runuser) and forks a child to wait for the command, measured at 8–9 ms of CPU per call, two calls
 * per hypervisor on every audit (bench/README.md "Limits found" 2). setpriv (util-linux, like runuser; since
 * 2.23, which is EL7's) only calls setresgid/initgroups/setresuid and execs the program: one process, no PAM.
 * The identity it sets is what the kernel checks: real and effective uid and gid, and the supplementary groups
 * from initgroups(3) (`--init-groups`), so group kvm, through which qemu and vdsm reach the floppy directory
 * (upload-user:kvm 2770, facts §5.1), counts exactly as it does for the real processes.
 * Options: numeric `--reuid`/`--regid` (older util-linux parses only numbers there; user and group names came
 * later) and `--init-groups` (getpwuid of the uid, then initgroups of that name: it needs the uid to resolve,
 * which it does, since getent just printed it). All three are in setpriv's first release (2.23); verified here
 * with util-linux 2.38 (test/unit/checks/lib/hypervisor-access.real.test.ts), UNVERIFIED on an EL7 2.23.2 binary.
 * No `--reset-env`: `test` reads no environment.
 * setpriv needs CAP_SETUID/CAP_SETGID (the probe script runs as root). It exits 127 when it cannot set the
 * identity, and 126/127 when it cannot exec the program (util-linux SETPRIV_EXIT_PRIVERR, errexec): that is
 * "could not test", never "denied". Whether setpriv exists is asked with the `command -v` builtin first.
 *
 * `test -x DIR` as vdsm is enough to prove every directory down to DIR is traversable: path resolution needs
 * search (x) permission on each component before DIR (path_resolution(7)), so access(DIR, X_OK) already fails
 * with EACCES when any ancestor blocks vdsm, and succeeds only when all of them and DIR itself let it through.
 */
import { ParseError } from '../../src/errors.js';
import { quoteArg } from '../../src/shell/quote.js';
import { eachLineOf } from './sh-each-line.js';

export interface Account {
  uid: number;
  gid: number;
}

/**
 * `setpriv-missing`: setpriv is not installed; `setpriv-failed`: it could not switch to the user or run `test`
 * (exit 126/127), so the access is unknown. A user that does not exist gets `denied` (compare reports the
 * missing user instead).
 */
export type AccessResult = 'allowed' | 'denied' | 'setpriv-missing' | 'setpriv-failed';

export interface DirectoryAccess {
  vdsm?: Account;
  qemu?: Account;
  /** As vdsm: `test -x DIR`. */
  vdsmTraverse: AccessResult;
  /** As qemu: `test -r DIR -a -w DIR -a -x DIR`. */
  qemuReadWrite: AccessResult;
}

/** The `test` arguments per user. */
function tests(dir: string): Record<'vdsm' | 'qemu', string> {
  const d = quoteArg(dir);
  return { vdsm: `-x ${d}`, qemu: `-r ${d} -a -w ${d} -a -x ${d}` };
}

/**
 * Output: getent's lines, `--`, then either `setpriv-missing` or `<user> <exit>` for each user getent printed,
 * in getent's order (vdsm, qemu). The getent lines are taken apart with parameter expansion (no `cut`, no pipe).
 */
export function directoryAccessCommand(dir: string): { sh: string } {
  const t = tests(dir);
  const as = (user: 'vdsm' | 'qemu') =>
    `    ${user}) setpriv --reuid="$u" --regid="$g" --init-groups -- test ${t[user]}; echo "${user} $?" ;;`;
  return {
    sh: [
      'p=$(getent passwd vdsm qemu)',
      '[ -z "$p" ] || printf \'%s\\n\' "$p"',
      'echo --',
      'if ! command -v setpriv >/dev/null; then echo setpriv-missing; else',
      ...eachLineOf('p'),
      '  n=${l%%:*}; r=${l#*:*:}; u=${r%%:*}; r=${r#*:}; g=${r%%:*}',
      '  case $n in',
      as('vdsm'),
      as('qemu'),
      '  esac',
      'done',
      'fi',
    ].join('\n'),
  };
}

function result(code: string): AccessResult {
  return code === '0' ? 'allowed' : code === '126' || code === '127' ? 'setpriv-failed' : 'denied';
}

export function parseDirectoryAccess(stdout: string): DirectoryAccess {
  const parts = stdout.split(/^--$/m);
  if (parts.length !== 2) throw new ParseError('getent passwd + setpriv test', stdout, 'expected one "--" line');
  const [accounts = '', testLines = ''] = parts;
  const users = new Map<string, Account>();
  for (const line of accounts.split('\n').filter((l) => l !== '')) {
    const f = line.split(':');
    if (f.length < 7 || !/^\d+$/.test(f[2]!) || !/^\d+$/.test(f[3]!)) throw new ParseError('getent passwd', line);
    users.set(f[0]!, { uid: Number(f[2]), gid: Number(f[3]) });
  }
  const vdsm = users.get('vdsm');
  const qemu = users.get('qemu');
  const lines = testLines.split('\n').filter((l) => l !== '');
  if (lines.length === 1 && lines[0] === 'setpriv-missing') {
    return { vdsm, qemu, vdsmTraverse: 'setpriv-missing', qemuReadWrite: 'setpriv-missing' };
  }
  // One `<user> <exit>` line per existing user, in getent's order; anything else is not this command's output.
  const expected = (['vdsm', 'qemu'] as const).filter((u) => users.has(u));
  const codes = new Map<string, string>();
  for (const line of lines) {
    const m = /^(vdsm|qemu) (\d+)$/.exec(line);
    if (!m || codes.has(m[1]!)) throw new ParseError('setpriv test', stdout, `unexpected line ${JSON.stringify(line)}`);
    codes.set(m[1]!, m[2]!);
  }
  if (expected.length !== codes.size || expected.some((u, i) => [...codes.keys()][i] !== u)) {
    throw new ParseError('setpriv test', stdout, `expected a result for ${expected.join(' and ') || 'no user'}`);
  }
  const of = (u: 'vdsm' | 'qemu'): AccessResult => (codes.has(u) ? result(codes.get(u)!) : 'denied');
  return { vdsm, qemu, vdsmTraverse: of('vdsm'), qemuReadWrite: of('qemu') };
}
