/**
 * `discover:` — the hypervisors of a run come from the engine's hosts (name, address, cluster, status) instead of
 * a list that drifts from reality the day a host is added. Pure: config + inventory in, config out.
 *
 * - Scope: the hosts of `discover.clusters` (by cluster name), or of every cluster when it is omitted.
 * - Explicit `hypervisors:` entries merge by name: the entry's own settings (host, user, port, keys, become)
 *   win, so a host the engine knows by an internal address can be reached over SSH by another.
 * - Hosts the engine holds in maintenance, non-responsive (or installing, rebooting, down: nothing to audit
 *   there now) are not contacted; the report lists them as skipped with the engine's status.
 * - Explicit entries the engine does not know stay in the run (they are configured), and the manager check
 *   manager-engine-hosts flags them.
 * - An inventory that could not be read changes nothing: the explicit list is used, and the manager check
 *   reports the API error (the run is then incomplete, exit 3).
 */
import type { EngineHost, EngineInventory, HostRef } from '../check-api.js';
import type { Config, HypervisorConfig } from '../config/types.js';
import { SKIPPED_HOST_STATUSES } from '../../checks/lib/host-status.js';

export { SKIPPED_HOST_STATUSES };

export interface SkippedHost extends HostRef {
  /** The engine's status, e.g. "maintenance". */
  status: string;
  cluster?: string;
}

export interface Discovery {
  config: Config;
  skipped: SkippedHost[];
}

export function hostsInScope(inventory: EngineInventory, clusters: readonly string[] | undefined): EngineHost[] {
  return clusters ? inventory.hosts.filter((h) => h.clusterName !== undefined && clusters.includes(h.clusterName)) : inventory.hosts;
}

export function discoverHypervisors(config: Config, inventory: EngineInventory | undefined): Discovery {
  if (!config.discover || !inventory || inventory.error) return { config, skipped: [] };
  const explicit = new Map(config.hypervisors.map((h) => [h.name, h]));
  const used = new Set<string>();
  const hypervisors: HypervisorConfig[] = [];
  const skipped: SkippedHost[] = [];
  for (const host of hostsInScope(inventory, config.discover.clusters)) {
    const own = explicit.get(host.name);
    if (own) used.add(host.name);
    const entry: HypervisorConfig = own ?? { host: host.address, name: host.name };
    if (SKIPPED_HOST_STATUSES.includes(host.status)) {
      skipped.push({
        name: entry.name,
        role: 'hypervisor',
        address: entry.host,
        status: host.status,
        ...(host.clusterName ? { cluster: host.clusterName } : {}),
      });
    } else {
      hypervisors.push(entry);
    }
  }
  for (const h of config.hypervisors) if (!used.has(h.name)) hypervisors.push(h);
  return { config: { ...config, hypervisors }, skipped };
}
