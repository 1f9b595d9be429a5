/**
 * Access to a directory as other users, without writing anything: one `getent passwd` for both users, then one
 * `runuser … test` per user (util-linux runuser needs root; the probe script runs as root).
 *
 * `test -x DIR` as vdsm is enough to prove every directory down to DIR is traversable: path resolution needs
 * search (x) permission on each component before DIR (path_resolution(7)), so access(DIR, X_OK) already fails
 * with EACCES when any ancestor blocks vdsm, and succeeds only when all of them and DIR itself let it through.
 */
import { ParseError } from '../../src/errors.js';
import { quoteArg } from '../../src/ssh/quote.js';

export interface Account {
  uid: number;
  gid: number;
}

export type AccessResult = 'allowed' | 'denied' | 'runuser-missing';

export interface DirectoryAccess {
  vdsm?: Account;
  qemu?: Account;
  /** As vdsm: `test -x DIR`. */
  vdsmTraverse: AccessResult;
  /** As qemu: `test -r DIR -a -w DIR -a -x DIR`. */
  qemuReadWrite: AccessResult;
}

export function directoryAccessCommand(dir: string): { sh: string } {
  const d = quoteArg(dir);
  return {
    sh: [
      'getent passwd vdsm qemu',
      'echo --',
      `runuser -u vdsm -- test -x ${d}; echo "vdsm $?"`,
      `runuser -u qemu -- test -r ${d} -a -w ${d} -a -x ${d}; echo "qemu $?"`,
    ].join('\n'),
  };
}

function result(code: string): AccessResult {
  return code === '0' ? 'allowed' : code === '127' ? 'runuser-missing' : 'denied';
}

export function parseDirectoryAccess(stdout: string): DirectoryAccess {
  const [accounts = '', tests = ''] = stdout.split(/^--$/m);
  const users = new Map<string, Account>();
  for (const line of accounts.split('\n').filter((l) => l !== '')) {
    const f = line.split(':');
    if (f.length < 7 || !/^\d+$/.test(f[2]!) || !/^\d+$/.test(f[3]!)) throw new ParseError('getent passwd', line);
    users.set(f[0]!, { uid: Number(f[2]), gid: Number(f[3]) });
  }
  const m = /^\n?vdsm (\d+)\nqemu (\d+)\n?$/.exec(tests);
  if (!m) throw new ParseError('runuser test', stdout);
  return { vdsm: users.get('vdsm'), qemu: users.get('qemu'), vdsmTraverse: result(m[1]!), qemuReadWrite: result(m[2]!) };
}
