/**
 * Pure helpers over the engine inventory (ctx.engine.inventory, read once per run by src/engine-api/inventory.ts):
 * which engine host a configured host is, where a VM sits, and the oVirt Node explanation.
 */
import type { EngineCluster, EngineHost, EngineInventory, EngineVm, HostRef } from '../../src/check-api.js';
import { AppError } from '../../src/errors.js';

/** The inventory, or an error that makes the check `error` (the state is unknown, not drifted). */
export function inventoryOrThrow(inventory: EngineInventory | undefined): EngineInventory {
  if (!inventory) throw new AppError('engine API: no inventory was read');
  if (inventory.error) throw new AppError(`engine API: ${inventory.error}`);
  return inventory;
}

/** The engine host a configured host is: same name, else same address (case-insensitive). */
export function engineHostFor(inventory: EngineInventory, host: { name: string; address: string }): EngineHost | undefined {
  return (
    inventory.hosts.find((h) => h.name === host.name) ??
    inventory.hosts.find((h) => h.address !== '' && h.address.toLowerCase() === host.address.toLowerCase())
  );
}

export function clusterById(inventory: EngineInventory, id: string | undefined): EngineCluster | undefined {
  return id === undefined ? undefined : inventory.clusters.find((c) => c.id === id);
}

/** The VM's compatibility level: its custom one, else its cluster's (facts §4.3). */
export function effectiveLevel(vm: EngineVm, cluster: EngineCluster | undefined): string | undefined {
  return vm.customCompatibilityVersion ?? cluster?.version;
}

/** `VM win7 (cluster Default, host hv1)`: findings name VM, cluster and host. */
export function vmWhere(inventory: EngineInventory, vm: EngineVm): string {
  const cluster = clusterById(inventory, vm.clusterId)?.name ?? vm.clusterId ?? 'unknown cluster';
  const host = vm.hostId ? (inventory.hosts.find((h) => h.id === vm.hostId)?.name ?? vm.hostId) : undefined;
  return `VM ${vm.name} (cluster ${cluster}${host ? `, host ${host}` : ', not running'})`;
}

export function isOvirtNode(host: EngineHost): boolean {
  return host.type === 'ovirt_node';
}

/** Why hooks vanish on oVirt Node and what to do (facts §8.5; vdsm issue 132, open). */
export const OVIRT_NODE_EXPLANATION =
  'an oVirt Node image update replaces /usr/libexec, which removes hooks installed there (vdsm issue 132, open): run `ovirt-floppy apply` after every Node upgrade to restore the hook';

export function refOf(host: EngineHost): HostRef {
  return { name: host.name, role: 'hypervisor', address: host.address };
}
