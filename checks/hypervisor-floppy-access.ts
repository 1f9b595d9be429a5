/**
 * hypervisor-floppy-access: as vdsm every directory down to `floppy.clientPath` can be traversed, and as qemu
 * the directory can be read, written and entered, tested without writing anything (`check` has no side
 * effects; the smoke test does the real write).
 *
 * Why: the hook's "does the image exist" check runs as vdsm (uid 36, facts §0.4, §2.2), and qemu (uid 107,
 * supplementary group kvm) opens the image read-write (facts §5.1, §5.2). How: lib/hypervisor-access.ts (`setpriv`
 * with the users' uid, gid and supplementary groups, then `test`; no PAM session).
 * Not fixable here: the directory is the sftp server's serverPath, shared over NFS; its owner, group kvm and
 * mode are set by the sftp checks on that server, and NFS carries numeric ids, so the kvm gid must match there
 * (cross-host check). Needs root (setpriv switches to vdsm and qemu): without it the runner makes it an error
 * naming the login user (needsRoot, src/runner/root-gate.ts), never a quiet skip.
 * Role: hypervisor. Needs hypervisor-floppy-mount (the directory exists on shared storage).
 */
import { defineCheck, type Finding } from '../src/check-api.js';
import { resolveFloppy } from '../src/config/resolved.js';
import type { Config } from '../src/config/types.js';
import { directoryAccessCommand, parseDirectoryAccess, type DirectoryAccess } from './lib/hypervisor-access.js';

const WHERE_TO_FIX = 'set on the sftp server: floppy directory group kvm, mode 2770 (sftp checks), kvm gid equal on all hosts';

export default defineCheck<{ access: DirectoryAccess }, Config>({
  id: 'hypervisor-floppy-access',
  title: 'vdsm can reach and qemu can use the floppy directory',
  roles: ['hypervisor'],
  severity: 'error',
  dependsOn: ['hypervisor-floppy-mount'],
  probe: ({ config }) => ({
    access: { run: directoryAccessCommand(resolveFloppy(config).clientPath), parse: (out) => parseDirectoryAccess(out) },
  }),
  compare: ({ access }, { config }): Finding[] => {
    const dir = resolveFloppy(config).clientPath;
    if (access.vdsmTraverse === 'setpriv-missing')
      return [
        { code: 'setpriv-missing', message: 'setpriv (util-linux) is not installed: cannot test access as vdsm and qemu', fixable: false },
      ];
    const missing = (['vdsm', 'qemu'] as const).filter((u) => !access[u]);
    if (missing.length > 0)
      return missing.map((u) => ({
        code: 'user-missing',
        message: `user ${u} does not exist (${u === 'vdsm' ? 'vdsm' : 'qemu-kvm'} not installed?)`,
        fixable: false,
      }));
    const findings: Finding[] = [];
    const unknown = (u: 'vdsm' | 'qemu'): Finding => ({
      code: 'setpriv-failed',
      message: `setpriv could not run test as ${u} (uid ${access[u]!.uid}, exit 126/127): cannot tell its access to ${dir}`,
      fixable: false,
    });
    if (access.vdsmTraverse === 'setpriv-failed') findings.push(unknown('vdsm'));
    else if (access.vdsmTraverse !== 'allowed') {
      findings.push({
        code: 'vdsm-cannot-traverse',
        message: `vdsm (uid ${access.vdsm!.uid}) cannot reach ${dir}: every directory down to it needs x for vdsm; ${WHERE_TO_FIX}`,
        expected: 'traversable',
        actual: 'denied',
        fixable: false,
      });
    }
    if (access.qemuReadWrite === 'setpriv-failed') findings.push(unknown('qemu'));
    else if (access.qemuReadWrite !== 'allowed') {
      findings.push({
        code: 'qemu-cannot-use',
        message: `qemu (uid ${access.qemu!.uid}) cannot read, write and enter ${dir}; ${WHERE_TO_FIX}`,
        expected: 'rwx',
        actual: 'denied',
        fixable: false,
      });
    }
    return findings;
  },
});
