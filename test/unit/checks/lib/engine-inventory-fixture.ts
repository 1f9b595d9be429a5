/**
 * An engine inventory built from the captured answers of the lab's engine API (test/fixtures/outputs/engine-api)
 * through the real parsers, for the checks that read ctx.engine.inventory. Tests then change what they need.
 */
import { readFileSync } from 'node:fs';
import type { EngineInventory } from '../../../../src/check-api.js';
import { collection, lastConfigChange, parseCluster, parseHooks, parseHost, parseVm } from '../../../../src/engine-api/inventory-json.js';

const DIR = new URL('../../../fixtures/outputs/engine-api/', import.meta.url);
const json = (name: string) => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as unknown;

/** hv1 up with both hooks (no checksum: vdsm 4.30 under engine 4.5), hv2 in maintenance, floppy-smoke with floppy. */
export function labInventory(fetchedAt = '2026-12-03T09:00:00.000Z'): EngineInventory {
  const clusters = collection(json('lab-clusters.json'), 'cluster').map(parseCluster);
  const hosts = collection(json('lab-hosts.json'), 'host').map((h) => parseHost(h, clusters));
  const hooks = parseHooks(json('lab-host-hooks-hv1.json'));
  for (const h of hosts) h.hooks = hooks.map((x) => ({ ...x }));
  const vms = collection(json('lab-vms.json'), 'vm')
    .map(parseVm)
    .filter((v) => v.customProperties.some((p) => p.name === 'floppy'));
  for (const vm of vms) {
    const at = lastConfigChange(json('lab-events-floppy-smoke.json'), vm.id);
    if (at) vm.lastChangedAt = at;
  }
  return { fetchedAt, hosts, clusters, vms };
}
