/**
 * The engine REST calls of the VM stage (facts §4), typed. Paths are relative to `engineApi.url`
 * (`https://engine/ovirt-engine/api`); the client adds `Version: 4`, JSON and the bearer token.
 */
import type { EngineRequester } from './types.js';
import type { ClusterJson, EventJson, HostJson, VmJson } from './vm-json.js';

export type FindVmResult = { vm: VmJson } | { problem: string };

export class VmApi {
  constructor(private readonly api: EngineRequester) {}

  /**
   * The VM named exactly `name`. The engine's search is case-insensitive and `*` is a wildcard (facts §4.3), so
   * every candidate is compared client side; more than one exact match is refused rather than guessed.
   */
  async findVm(name: string): Promise<FindVmResult> {
    const found = await this.api.request<{ vm?: VmJson[] }>('GET', `/vms?search=${encodeURIComponent(`name=${name}`)}`);
    const exact = (found.vm ?? []).filter((v) => v.name === name);
    if (exact.length === 1) return { vm: exact[0]! };
    if (exact.length > 1)
      return { problem: `${exact.length} VMs are named ${name} (${exact.map((v) => v.id).join(', ')}): smoke.vm must name exactly one` };
    const near = (found.vm ?? []).map((v) => v.name).filter(Boolean);
    return {
      problem: `no VM is named ${name}${near.length ? ` (the search found ${near.join(', ')})` : ''}: create a dedicated test VM or fix smoke.vm`,
    };
  }

  getVm(id: string): Promise<VmJson> {
    return this.api.request<VmJson>('GET', `/vms/${encodeURIComponent(id)}`);
  }

  getCluster(id: string): Promise<ClusterJson> {
    return this.api.request<ClusterJson>('GET', `/clusters/${encodeURIComponent(id)}`);
  }

  getHost(id: string): Promise<HostJson> {
    return this.api.request<HostJson>('GET', `/hosts/${encodeURIComponent(id)}`);
  }

  /**
   * Run Once: a start whose body holds a `vm` fragment runs the VM once with that fragment laid over its
   * configuration, without changing it (facts §4.5). No use_sysprep/use_initialization: they would make the
   * engine attach its own floppy (facts §3, §4.6).
   */
  runOnce(id: string, properties: { name: string; value: string }[]): Promise<unknown> {
    return this.api.request('POST', `/vms/${encodeURIComponent(id)}/start`, {
      vm: { custom_properties: { custom_property: properties } },
    });
  }

  /** Hard power-off (facts §4.6): the smoke VM has nothing to shut down cleanly. */
  stop(id: string): Promise<unknown> {
    return this.api.request('POST', `/vms/${encodeURIComponent(id)}/stop`, {});
  }

  /**
   * The newest event's id, to ask later for what came after: event ids strictly increase, a list without
   * `from` starts with the newest, and `from=N` returns ids strictly greater than N (facts §8.4:
   * SyntaxChecker.java:936).
   */
  async newestEventId(): Promise<number> {
    const r = await this.api.request<{ event?: EventJson[] }>('GET', '/events?max=1');
    return Math.max(0, ...(r.event ?? []).map((e) => Number(e.id)).filter(Number.isFinite));
  }

  /** Events about VM `vmId` with an id above `after`, oldest first. */
  async vmEventsAfter(vmId: string, after: number): Promise<EventJson[]> {
    const r = await this.api.request<{ event?: EventJson[] }>('GET', `/events?from=${after}`);
    return (r.event ?? []).filter((e) => e.vm?.id === vmId && Number(e.id) > after).sort((a, b) => Number(a.id) - Number(b.id));
  }
}
