/**
 * cross-payload-images: every payload a VM carries in the engine still exists on the sftp server, and every image
 * there belongs to some VM.
 *
 * Why: the property names the image as the hypervisors see it (floppy.clientPath/NAME); the image itself lives
 * in floppy.serverPath on the sftp server. When an operator (or `apply --cleanup-stale`) deletes the image but
 * leaves the property, the VM's next start fails in the hook ("file not exists or not enough permissions",
 * facts §2.2) — typically at the worst moment, a reboot after host maintenance; while the VM runs, QEMU still
 * holds the deleted file open. The reverse, an image no VM references, is a secret nobody needs any more (info:
 * sftp-stale-images warns once it is old). Read-only: the manager's part is the engine inventory the run fetched
 * once (no command), the sftp server's part one `find` (the same command as sftp-stale-images, run once).
 * Needs engineApi; without it nothing is compared. Roles: manager, sftp.
 */
import { defineCrossHostCheck, type CrossHostObservation, type EngineInventory, type Finding } from '../src/check-api.js';
import { resolveFloppy } from '../src/config/resolved.js';
import type { Config } from '../src/config/types.js';
import { vmWhere } from './lib/engine-inventory.js';
import { payloadPropertyNames, payloadsOf } from './lib/payload-properties.js';
import { listFilesScript, parseFloppyListing, type FloppyListing } from './lib/sftp-stale-files.js';

export interface PayloadImagesObserved {
  /** The sftp server's floppy directory (undefined on the manager). */
  listing?: FloppyListing;
}

interface Reference {
  vm: string;
  name: string;
  value: string;
  running: boolean;
}

/** The image names VMs reference inside floppy.clientPath; values elsewhere are the property regex's business. */
function references(inventory: EngineInventory, config: Config): Reference[] {
  const dir = `${resolveFloppy(config).clientPath}/`;
  const names = payloadPropertyNames(config);
  return inventory.vms.flatMap((vm) =>
    payloadsOf(vm, names)
      .filter((p) => p.value.startsWith(dir) && !p.value.slice(dir.length).includes('/'))
      .map((p) => ({
        vm: vmWhere(inventory, vm),
        name: p.value.slice(dir.length),
        value: `${p.name}=${p.value}`,
        running: vm.hostId !== undefined,
      })),
  );
}

function missingFindings(
  refs: Reference[],
  files: Set<string>,
  sftp: CrossHostObservation<PayloadImagesObserved>,
  serverPath: string,
): Finding[] {
  return refs
    .filter((r) => !files.has(r.name))
    .map((r) => ({
      code: 'payload-image-missing',
      severity: 'warn' as const,
      message: `${r.vm} carries ${r.value}, but ${r.name} is not in ${serverPath} on ${sftp.host.name}: the VM's next start fails in the hook ("file not exists")${r.running ? '; it runs now, with the deleted image still open' : ''}; upload the image again or remove the property`,
      expected: `${serverPath}/${r.name}`,
      actual: '(missing)',
      fixable: false,
    }));
}

export default defineCrossHostCheck<PayloadImagesObserved, Config>({
  id: 'cross-payload-images',
  title: 'every payload image a VM carries exists on the sftp server',
  roles: ['manager', 'sftp'],
  severity: 'warn',
  probe: ({ host, config }) =>
    host.role === 'sftp' ? { listing: { run: { sh: listFilesScript(resolveFloppy(config).serverPath) }, parse: parseFloppyListing } } : {},
  compare: (observations, config) => {
    const result = new Map<string, Finding[]>();
    const manager = observations.find((o) => o.host.role === 'manager');
    const sftp = observations.find((o) => o.host.role === 'sftp');
    const inventory = manager?.engine?.inventory;
    if (!manager || !sftp || !inventory) {
      const why = !inventory ? 'engineApi is not configured or the engine inventory could not be read' : 'no sftp server in this run';
      for (const o of observations)
        result.set(o.host.name, [{ code: 'payload-images-not-compared', severity: 'info', message: `not compared: ${why}` }]);
      return result;
    }
    const serverPath = resolveFloppy(config).serverPath;
    const files = new Set((sftp.observed.listing?.files ?? []).map((f) => f.name));
    const refs = references(inventory, config);
    result.set(manager.host.name, missingFindings(refs, files, sftp, serverPath));
    const referenced = new Set(refs.map((r) => r.name));
    const orphans = [...files].filter((f) => !referenced.has(f)).sort();
    if (orphans.length > 0) {
      result.set(sftp.host.name, [
        {
          code: 'payload-image-unreferenced',
          severity: 'info',
          message: `no VM in the engine carries ${orphans.join(', ')} (in ${serverPath}): delete what no deployment needs any more`,
        },
      ]);
    }
    return result;
  },
});
