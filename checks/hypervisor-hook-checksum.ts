/**
 * hypervisor-hook-checksum: what the engine lists for this host's floppy hooks (`GET /hosts/{id}/hooks`) agrees
 * with the files on the host (SSH view): the same scripts, with the checksum vdsm computes from their bytes.
 *
 * Why: the engine's list is what vdsm reported with its last capabilities (facts §2.3, §8.4); a mismatch means
 * the engine's view is stale (a hook installed or removed since: `POST /hosts/{id}/refresh` renews it) or it
 * reports another file than the one we see. vdsm's checksum is over the file's bytes: sha256 from vdsm 4.40, md5
 * before (vdsm `lib/vdsm/common/hooks.py` `_getScriptInfo`, commit 402bde5a9), so the probe hashes both ways
 * (`sha256sum`, `md5sum`: coreutils, one command) and either may match. A hook both views lack is reported by
 * the SSH checks and manager-engine-host-hooks, not twice here.
 * Not fixable (the engine's cache is the engine's). Role: hypervisor, with engineApi and an engine host of this
 * name or address.
 */
import { defineCheck, type Finding } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { quote } from '../src/shell/quote.js';
import { HOOK_EVENTS, HOOK_SCRIPT_NAME } from './lib/bundled-hook.js';
import { engineHostFor } from './lib/engine-inventory.js';
import { HOOKS_DIR } from './lib/hypervisor-hook-files.js';

export interface FileDigests {
  sha256?: string;
  md5?: string;
}

const PATHS = HOOK_EVENTS.map((e) => `${HOOKS_DIR}/${e}/${HOOK_SCRIPT_NAME}`);

/** `sha256sum`/`md5sum` output ("<hex>  <path>"), both in one stdout: by path, the digest kind by its length. */
export function parseDigests(stdout: string): Map<string, FileDigests> {
  const out = new Map<string, FileDigests>();
  for (const line of stdout.split('\n')) {
    const m = /^([0-9a-f]{32}|[0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) continue;
    const entry = out.get(m[2]!) ?? {};
    if (m[1]!.length === 64) entry.sha256 = m[1];
    else entry.md5 = m[1];
    out.set(m[2]!, entry);
  }
  return out;
}

export default defineCheck<{ digests: Map<string, FileDigests> }, Config>({
  id: 'hypervisor-hook-checksum',
  title: "the engine's list of this host's floppy hooks matches the files on the host",
  roles: ['hypervisor'],
  severity: 'warn',
  appliesTo: ({ engine, host }) => {
    const inventory = engine?.inventory;
    if (!inventory || inventory.error)
      return inventory ? 'engine inventory unavailable (see manager-engine-hosts)' : 'engineApi not configured';
    return engineHostFor(inventory, host) ? true : 'the engine has no host of this name or address (see manager-engine-hosts)';
  },
  // Missing files: the tools print to stderr (discarded) and go on with the other file; `|| :` keeps the exit 0.
  probe: () => ({ digests: { run: { sh: `{ sha256sum -- ${quote(PATHS)}; md5sum -- ${quote(PATHS)}; } || :` }, parse: parseDigests } }),
  compare: ({ digests }, { engine, host }): Finding[] => {
    const engineHost = engineHostFor(engine!.inventory!, host)!;
    if (!engineHost.hooks) return [];
    const findings: Finding[] = [];
    for (const event of HOOK_EVENTS) {
      const path = `${HOOKS_DIR}/${event}/${HOOK_SCRIPT_NAME}`;
      const hook = `${event}/${HOOK_SCRIPT_NAME}`;
      const onHost = digests.get(path);
      const listed = engineHost.hooks.find((h) => h.event === event && h.name === HOOK_SCRIPT_NAME);
      const refresh = `POST /hosts/${engineHost.id}/refresh makes vdsm report its hooks again`;
      if (onHost && !listed) {
        findings.push({
          code: 'api-hook-stale',
          message: `${path} is on the host but the engine does not list ${hook} (it has vdsm's report from before; ${refresh})`,
          fixable: false,
        });
      } else if (!onHost && listed) {
        findings.push({
          code: 'api-hook-stale',
          message: `the engine still lists ${hook}, but ${path} is not on the host (${refresh})`,
          fixable: false,
        });
      } else if (onHost && listed?.checksum) {
        const reported = listed.checksum.toLowerCase();
        if (reported !== onHost.sha256 && reported !== onHost.md5) {
          findings.push({
            code: 'api-hook-checksum-mismatch',
            message: `the engine lists ${hook} with checksum ${listed.checksum}, the file on the host has sha256 ${onHost.sha256 ?? '?'} / md5 ${onHost.md5 ?? '?'} (a stale report: ${refresh})`,
            expected: onHost.sha256,
            actual: listed.checksum,
            fixable: false,
          });
        }
      } else if (onHost && listed) {
        findings.push({
          code: 'api-hook-no-checksum',
          severity: 'info',
          message: `the engine lists ${hook} without a checksum: vdsm < 4.40 reports it as "md5", engine ≥ 4.4 reads "checksum" (ovirt-engine 04777f76ca1), so only its presence is comparable`,
        });
      }
    }
    return findings;
  },
});
