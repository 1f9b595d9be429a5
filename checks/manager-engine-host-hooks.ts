/**
 * manager-engine-host-hooks: every audited hypervisor lists our `before_vm_start` and `before_vm_migrate_source`
 * hook (`50_floppy`) in the engine's `GET /hosts/{id}/hooks`, with the checksum of ovirt-floppy's hook where
 * vdsm reports one we can predict.
 *
 * Why: the engine lists what vdsm reported with its capabilities (vdsm `hooks.installed()`, facts §2.3, §8.4),
 * so this works for hosts we cannot reach over SSH, and it catches a hook lost on one host of hundreds (an oVirt
 * Node image update removes it: facts §8.5). Which checksum: vdsm's `_getScriptInfo` hashes the file's bytes —
 * sha256 under the key `checksum` from vdsm 4.40 (vdsm commit 402bde5a9 "MD5 hash can't be used in FIPS mode",
 * first in v4.40.1), md5 under `md5` before; the engine copies the value into the API's `md5` field, reading key
 * `checksum` from 4.4 (ovirt-engine 04777f76ca1, HostMapper.MD5_FILE_SIGNATURE) and `md5` before. So:
 *  - 64 hex digits: vdsm ≥ 4.40, whose only floppy hook is ours (the package is gone): it must be the sha256 of
 *    our hook rendered for floppy.clientPath (lib/bundled-hook.ts), else an old or edited copy is installed;
 *  - 32 hex digits (engine 4.3 + vdsm-hook-floppy): the package's bytes, which only the host has: the SSH-side
 *    check hypervisor-hook-checksum compares them;
 *  - none (vdsm 4.30 under engine ≥ 4.4: the keys disagree): presence only.
 * Scope: with `discover:` every engine host in scope, else the engine hosts that are configured hypervisors; hosts
 * the engine holds in maintenance, non-responsive, ... are left out (their list is what vdsm said before).
 * The engine's list is as of vdsm's last capabilities report (`POST /hosts/{id}/refresh` renews it).
 * Not fixable here: `apply` installs the hook over SSH (hypervisor checks); a host only the engine can reach needs
 * it done there. Role: manager, with engineApi.
 */
import { defineCheck, type EngineHost, type EngineInventory, type Finding } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { SKIPPED_HOST_STATUSES } from './lib/host-status.js';
import { bundledHookFiles, HOOK_SCRIPT_NAME } from './lib/bundled-hook.js';
import { cdPropertyInUse } from './lib/payload-properties.js';
import { engineHostFor, inventoryOrThrow, isOvirtNode, OVIRT_NODE_EXPLANATION } from './lib/engine-inventory.js';

const SHA256 = /^[0-9a-f]{64}$/i;

/** The engine hosts whose hooks are audited (see Scope above). */
export function auditedHosts(inventory: EngineInventory, config: Config): EngineHost[] {
  const wanted = config.discover?.clusters;
  const candidates = config.discover
    ? inventory.hosts.filter((h) => !wanted || (h.clusterName !== undefined && wanted.includes(h.clusterName)))
    : config.hypervisors
        .map((h) => engineHostFor(inventory, { name: h.name, address: h.host }))
        .filter((h): h is EngineHost => h !== undefined);
  return [...new Set(candidates)].filter((h) => !SKIPPED_HOST_STATUSES.includes(h.status));
}

function hostFindings(host: EngineHost, config: Config): Finding[] {
  if (!host.hooks) {
    return [
      {
        code: 'api-hooks-unreadable',
        message: `${host.name}: GET /hosts/${host.id}/hooks failed: ${host.hooksError ?? 'no answer'}`,
        fixable: false,
      },
    ];
  }
  const node = isOvirtNode(host) ? `; ${host.name} is an oVirt Node: ${OVIRT_NODE_EXPLANATION}` : '';
  const findings: Finding[] = [];
  for (const file of bundledHookFiles(config.floppy.clientPath, cdPropertyInUse(config))) {
    const hook = `${file.event}/${HOOK_SCRIPT_NAME}`;
    const listed = host.hooks.find((h) => h.event === file.event && h.name === HOOK_SCRIPT_NAME);
    if (!listed) {
      findings.push({
        code: 'api-hook-missing',
        message: `${host.name}: the engine lists no ${hook} hook (vdsm reports the hook scripts it finds); VMs with a payload property started there get no payload${node}`,
        expected: hook,
        actual: '(not listed)',
        fixable: false,
      });
    } else if (listed.checksum && SHA256.test(listed.checksum) && listed.checksum.toLowerCase() !== file.sha256) {
      findings.push({
        code: 'api-hook-checksum',
        message: `${host.name}: vdsm reports sha256 ${listed.checksum} for ${hook}, ovirt-floppy's hook for floppy.clientPath has ${file.sha256}: an older or edited copy is installed (apply on ${host.name} replaces it)${node}`,
        expected: file.sha256,
        actual: listed.checksum,
        fixable: false,
      });
    }
  }
  return findings;
}

export default defineCheck<Record<string, never>, Config>({
  id: 'manager-engine-host-hooks',
  title: 'the engine lists the floppy hook on every hypervisor, as vdsm reports it',
  roles: ['manager'],
  severity: 'error',
  needsRoot: false, // the engine's API, asked from this machine
  appliesTo: ({ engine }) => (engine?.inventory ? true : 'engineApi not configured'),
  probe: () => ({}),
  compare: (_observed, { engine, config }): Finding[] => {
    const inventory = inventoryOrThrow(engine?.inventory);
    return auditedHosts(inventory, config).flatMap((h) => hostFindings(h, config));
  },
});
