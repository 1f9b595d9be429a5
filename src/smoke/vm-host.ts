/**
 * Where the smoke VM runs and what libvirt holds for it: the engine does not know about the hook's disk (facts
 * §3), so the proof is on the host — `vm.host` → the host's address → the configured hypervisor with that
 * address (or name) → `virsh -r dumpxml <vm id>` there (the domain uuid is the oVirt VM id; `-r` needs no
 * credentials, facts §4.7).
 */
import type { HostTarget } from '../config/types.js';
import { quote } from '../shell/quote.js';
import type { SmokeConnections } from './connections.js';
import { domainDisks, domainInfo, payloadDisk, payloadDiskProblem, type DomainDisk, type DomainInfo } from './domain-xml.js';
import type { ConsoleReader } from './vm-guest.js';
import { lastLine } from './remote.js';
import type { VmApi } from './vm-api.js';
import type { HostJson, VmJson } from './vm-json.js';
import type { SmokeImage } from './types.js';

export function matchHypervisor(hypervisors: HostTarget[], host: HostJson): HostTarget | undefined {
  const names = [host.address, host.name].filter((n): n is string => Boolean(n)).map((n) => n.toLowerCase());
  return hypervisors.find((t) => names.includes(t.host.toLowerCase()) || names.includes(t.name.toLowerCase()));
}

export type OnHostResult =
  { ok: true; host: string; floppy: DomainDisk; domain: DomainInfo; root: ConsoleReader } | { ok: false; problem: string };

export async function verifyPayloadOnHost(
  input: { api: VmApi; connections: SmokeConnections },
  vm: VmJson,
  image: Pick<SmokeImage, 'device' | 'clientPath'>,
): Promise<OnHostResult> {
  if (!vm.host?.id) return { ok: false, problem: 'the engine reports the VM up but names no host it runs on' };
  const host = await input.api.getHost(vm.host.id);
  const hv = matchHypervisor(input.connections.hypervisors, host);
  if (!hv) {
    return {
      ok: false,
      problem: `the VM runs on host ${host.name ?? host.id} (${host.address ?? 'no address'}), which is not a configured hypervisor, so its libvirt XML cannot be checked`,
    };
  }
  const root = await input.connections.rootTo(hv);
  const r = await root.exec(quote(['virsh', '-r', 'dumpxml', vm.id]));
  if (r.exitCode !== 0)
    return {
      ok: false,
      problem: `${hv.name}: \`virsh -r dumpxml ${vm.id}\` exited ${r.exitCode ?? 'without a status'}: ${lastLine(r.stderr)}`,
    };
  const disks = domainDisks(r.stdout);
  const problem = payloadDiskProblem(disks, image);
  if (problem) return { ok: false, problem: `${hv.name}: the running domain of the VM has ${problem}` };
  return { ok: true, host: hv.name, floppy: payloadDisk(disks, image)!, domain: domainInfo(r.stdout), root };
}
