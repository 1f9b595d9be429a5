/**
 * Read the engine's inventory ONCE per run (DESIGN §1: the engine is the source of truth for which hypervisors,
 * hooks and VMs exist): clusters (level, bios type), hosts (address, cluster, status, type), every host's hooks
 * as vdsm reported them (`GET /hosts/{id}/hooks`, facts §2.3, §8.4), and the VMs that carry a payload property
 * with the time of their newest configuration change from the audit log (`GET /events`). Checks get the
 * result as data (ctx.engine.inventory) and never talk to the API themselves (DESIGN §3).
 */
import type { EngineHost, EngineInventory, EngineVm } from '../check-api.js';
import type { EngineApi } from './client.js';
import { collection, lastConfigChange, parseCluster, parseHooks, parseHost, parseVm } from './inventory-json.js';

/** Requests in flight at once for the per-host and per-VM reads (a few; the engine serves the UI too). */
const PARALLEL = 8;

async function eachLimited<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function withHooks(api: EngineApi, host: EngineHost): Promise<void> {
  try {
    host.hooks = parseHooks(await api.request('GET', `/hosts/${encodeURIComponent(host.id)}/hooks`));
  } catch (error) {
    host.hooksError = message(error);
  }
}

async function withLastChange(api: EngineApi, vm: EngineVm): Promise<void> {
  // Search syntax of the events collection (api-model EventsService `search`); matched on the VM id below, so
  // a wildcard in a name cannot pick up another VM's events.
  const search = encodeURIComponent(`vm.name=${vm.name}`);
  const at = lastConfigChange(await api.request('GET', `/events?search=${search}`), vm.id);
  if (at) vm.lastChangedAt = at;
}

/**
 * `payloadProperties`: names of the VM custom properties that attach a payload (today `floppy`; the CD-ROM
 * one joins through the same list). Never throws: an unanswered API is `error` on an empty inventory.
 */
export async function fetchInventory(
  api: EngineApi,
  payloadProperties: readonly string[],
  now: () => Date = () => new Date(),
): Promise<EngineInventory> {
  const fetchedAt = now().toISOString();
  try {
    const [clustersJson, hostsJson, vmsJson] = await Promise.all([
      api.request('GET', '/clusters'),
      api.request('GET', '/hosts'),
      api.request('GET', '/vms'),
    ]);
    const clusters = collection(clustersJson, 'cluster').map(parseCluster);
    const hosts = collection(hostsJson, 'host').map((h) => parseHost(h, clusters));
    const vms = collection(vmsJson, 'vm')
      .map(parseVm)
      .filter((vm) => vm.customProperties.some((p) => payloadProperties.includes(p.name) && p.value !== ''));
    await Promise.all([eachLimited(hosts, (h) => withHooks(api, h)), eachLimited(vms, (v) => withLastChange(api, v))]);
    return { fetchedAt, hosts, clusters, vms };
  } catch (error) {
    return { fetchedAt, hosts: [], clusters: [], vms: [], error: message(error) };
  }
}
