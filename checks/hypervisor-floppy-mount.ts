/**
 * hypervisor-floppy-mount: `floppy.clientPath` is a directory on a mount whose fstype is one of
 * `floppy.sharedFsTypes` (nfs, nfs4 by default).
 *
 * Why: the hook attaches the image by path on whichever host runs the VM, so the directory the sftp server
 * writes into must be visible under the same path on every hypervisor through shared storage (facts §5.4):
 * vdsm mounts NFS domains at /rhev/data-center/mnt/<server>:<path with / as _>. A path on the root filesystem
 * means the export is not mounted. One builtin walk to the nearest existing ancestor and one `findmnt -T`
 * (lib/mount-findmnt.ts): when the floppy directory does not exist yet, the mount part is still judged.
 * The directory itself is serverPath on the sftp server and created by apply THERE; nothing here is fixable
 * on the hypervisor (mounts belong to vdsm or the admin's fstab). The observed `mount.source` is what the
 * cross-host "same source on every hypervisor" check compares.
 * Role: hypervisor.
 */
import { defineCheck, type Finding } from '../src/check-api.js';
import { resolveFloppy } from '../src/config/resolved.js';
import type { Config } from '../src/config/types.js';
import { parsePathMount, pathMountCommand, type PathMount } from './lib/mount-findmnt.js';

function mountFinding(where: PathMount, clientPath: string, shared: readonly string[]): Finding | undefined {
  const m = where.mount;
  if (!m)
    return {
      code: 'findmnt-missing',
      message: 'findmnt is not installed (util-linux): cannot tell which mount holds the floppy directory',
      fixable: false,
    };
  const onRoot = m.target === '/';
  if (onRoot || !shared.includes(m.fstype)) {
    const why = onRoot
      ? 'the root filesystem: the export is not mounted (storage domain not active?)'
      : `${m.target} (${m.fstype} from ${m.source}), not ${shared.join('/')}`;
    return {
      code: 'not-on-shared-fs',
      message: `${clientPath} is on ${why}`,
      expected: shared.join(' | '),
      actual: `${m.fstype} ${m.source} on ${m.target}`,
      fixable: false,
    };
  }
  return undefined;
}

export default defineCheck<{ where: PathMount }, Config>({
  id: 'hypervisor-floppy-mount',
  title: 'the floppy directory is on shared storage',
  roles: ['hypervisor'],
  severity: 'error',
  probe: ({ config }) => ({ where: { run: pathMountCommand(config.floppy.clientPath), parse: parsePathMount } }),
  compare: ({ where }, { config }): Finding[] => {
    const clientPath = resolveFloppy(config).clientPath;
    const mount = mountFinding(where, clientPath, config.floppy.sharedFsTypes);
    if (mount) return [mount];
    if (where.probedPath !== clientPath) {
      return [
        {
          code: 'floppy-dir-missing',
          message: `${clientPath} does not exist (${where.probedPath} does, on ${where.mount!.fstype} ${where.mount!.source}); it is serverPath ${config.floppy.serverPath} on the sftp server, created by apply there`,
          expected: 'directory',
          actual: '(missing)',
          fixable: false,
        },
      ];
    }
    if (!where.probedIsDirectory)
      return [
        {
          code: 'floppy-path-not-directory',
          message: `${clientPath} exists but is not a directory`,
          expected: 'directory',
          actual: 'not a directory',
          fixable: false,
        },
      ];
    return [];
  },
});
