/** Prepare one lab host (test/lab/sh/host-prepare.sh), start it (boot.ts) and wait until its sshd answers. */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Role } from '../../src/config/types.js';
import { readAccel, type Accel } from './accel.js';
import { assertLoopback } from './addresses.js';
import { spawnHost } from './boot.js';
import { labPaths, scripts } from './paths.js';
import { LabError, run } from './run.js';
import type { LabHost } from './state.js';
import { assertAddressFree, waitForOwnSshd } from './own-listener.js';

export type VdsmVersion = '4.30' | '4.50';
/** RHEL's QEMU floppy policy the hypervisor's QEMU wrapper applies (standins/hypervisor/qemu_policy.sh). */
export type QemuPolicy = 'upstream' | 'rhel8' | 'rhel9';

export interface HypervisorOptions {
  /** vdsm RPM version installed at start. @defaultValue "4.30" */
  vdsmVersion?: VdsmVersion;
  /** SELinux stand-in mode. @defaultValue "disabled" */
  selinux?: 'disabled' | 'enforcing';
  /** SELinux boolean virt_use_nfs (meaningful when enforcing). @defaultValue true */
  virtUseNfs?: boolean;
  /** Has the ISO export "NFS"-mounted via its fstab line, as vdsm would. @defaultValue true */
  nfsMounted?: boolean;
  /** RHEL QEMU floppy policy. @defaultValue "upstream" (Debian's QEMU as it is) */
  qemuPolicy?: QemuPolicy;
  /** Seconds libvirtd/virtlogd stay up without clients once started on first use. @defaultValue 120 */
  libvirtIdleSeconds?: number;
}

export interface HostSpec {
  name: string;
  role: Role;
  address: string;
  hypervisor?: HypervisorOptions;
}

/** What the hosts of one group share. */
export interface HostContext {
  hostsDir: string;
  /** The group's shared ISO export directory on this machine. */
  exportDir: string;
  /** The address hypervisors mount the export from (the group's sftp host, started or not). */
  nfsAddress: string;
}

export function installerArgs(spec: HostSpec, nfsAddress: string, accel: Accel = 'tcg'): string[] {
  if (spec.role !== 'hypervisor') return [];
  const hv = spec.hypervisor ?? {};
  const args = [
    '--vdsm-version',
    hv.vdsmVersion ?? '4.30',
    '--selinux',
    hv.selinux ?? 'disabled',
    '--virt-use-nfs',
    hv.virtUseNfs === false ? 'off' : 'on',
    '--qemu-policy',
    hv.qemuPolicy ?? 'upstream',
    '--libvirt-idle',
    String(hv.libvirtIdleSeconds ?? 120),
    '--accel',
    accel,
  ];
  if (hv.nfsMounted !== false) args.push('--nfs-server', nfsAddress);
  return args;
}

async function tail(file: string, lines = 15): Promise<string> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export async function startHost(ctx: HostContext, spec: HostSpec, waitMs = 30_000): Promise<LabHost> {
  assertLoopback(spec.address);
  assertLoopback(ctx.nfsAddress);
  const dir = path.join(ctx.hostsDir, spec.name);
  await assertAddressFree(spec.address);
  const r = await run('bash', [
    scripts.hostPrepare,
    '--name',
    spec.name,
    '--role',
    spec.role,
    '--address',
    spec.address,
    '--dir',
    dir,
    '--rootfs',
    labPaths.rootfs,
    '--client-key',
    `${labPaths.idLab}.pub`,
    '--repo',
    labPaths.repo,
    '--export',
    ctx.exportDir,
    '--nfs-address',
    ctx.nfsAddress,
    ...(spec.role === 'hypervisor' ? ['--guest', labPaths.guest] : []),
    '--',
    ...installerArgs(spec, ctx.nfsAddress, spec.role === 'hypervisor' ? (await readAccel()).accel : 'tcg'),
  ]);
  if (r.code !== 0) throw new LabError(`host ${spec.name} could not be prepared (exit ${r.code}):\n${r.stderr.trim()}`);
  const root = path.join(dir, 'root');
  const pid = spawnHost(root, spec.name, path.join(dir, 'console.log'));
  // teardown.sh finds the host by this file, also after a crash of this process.
  await fs.writeFile(path.join(dir, 'pid'), `${pid}\n`);
  const up = await waitForOwnSshd(spec.address, pid, waitMs);
  if (up !== 'up') {
    throw new LabError(
      `host ${spec.name} (${spec.address}, PID ${pid}) ${up === 'died' ? 'died while starting' : `did not listen on port 22 within ${waitMs} ms`}.\n` +
        `console.log:\n${await tail(path.join(dir, 'console.log'))}\n` +
        `sshd.log:\n${await tail(path.join(dir, 'root/var/log/sshd.log'))}`,
    );
  }
  return { name: spec.name, role: spec.role, address: spec.address, pid, root };
}
