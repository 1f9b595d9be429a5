/**
 * The default lab's hosts (docs/dev/team-contract.md, "The lab"): mgr 127.0.1.10, hv1 127.0.1.11 (vdsm 4.30,
 * SELinux disabled), hv2 127.0.1.12 (vdsm 4.30, SELinux enforcing with virt_use_nfs off), sftp 127.0.1.20.
 * A scale lab (`--hypervisors N`, N > 2) puts hv1…hvN on 127.0.2.1…; odd ones look like hv1, even ones like
 * hv2, so a scale run has drift on half of the hosts. `--vdsm-versions a,b` gives one hypervisor per listed
 * version, or with `--hypervisors N` cycles through the list; `--qemu-policy a,b` (upstream|rhel8|rhel9: the RHEL
 * QEMU floppy policy, standins/hypervisor/qemu_policy.sh) is cycled the same way.
 */
import { defaultLabAddress, hypervisorAddresses } from './addresses.js';
import type { HostSpec, QemuPolicy, VdsmVersion } from './host.js';

export const MANAGER_ADDRESS = defaultLabAddress(10);
export const SFTP_ADDRESS = defaultLabAddress(20);

export interface DefaultHostsOptions {
  hypervisors?: number;
  vdsmVersions?: VdsmVersion[];
  qemuPolicies?: QemuPolicy[];
}

export function defaultHostSpecs(opts: DefaultHostsOptions = {}): HostSpec[] {
  const versions = opts.vdsmVersions && opts.vdsmVersions.length > 0 ? opts.vdsmVersions : ['4.30' as const];
  const policies = opts.qemuPolicies && opts.qemuPolicies.length > 0 ? opts.qemuPolicies : ['upstream' as const];
  const count = opts.hypervisors ?? (Math.max(opts.vdsmVersions?.length ?? 0, opts.qemuPolicies?.length ?? 0) || 2);
  const hvs = hypervisorAddresses(count).map((address, i): HostSpec => ({
    name: `hv${i + 1}`,
    role: 'hypervisor',
    address,
    hypervisor:
      i % 2 === 0
        ? { vdsmVersion: versions[i % versions.length], qemuPolicy: policies[i % policies.length], selinux: 'disabled' }
        : {
            vdsmVersion: versions[i % versions.length],
            qemuPolicy: policies[i % policies.length],
            selinux: 'enforcing',
            virtUseNfs: false,
          },
  }));
  return [{ name: 'mgr', role: 'manager', address: MANAGER_ADDRESS }, ...hvs, { name: 'sftp', role: 'sftp', address: SFTP_ADDRESS }];
}
