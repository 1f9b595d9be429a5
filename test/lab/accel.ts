/**
 * KVM or TCG for the lab's VMs (issue #11: "TCG by default; KVM when /dev/kvm works"). sh/kvm-probe.sh decides
 * once per lab start by booting the guest under KVM; the verdict is kept in `.lab/accel` and every hypervisor
 * started afterwards gets it (/etc/lab-qemu/accel, and a /dev/kvm node when it is `kvm`), so the vdsm stand-in
 * asks libvirt for `<domain type='kvm'>` only where KVM was seen to work.
 */
import fs from 'node:fs/promises';
import { labPaths, scripts } from './paths.js';
import { runOk } from './run.js';

export type Accel = 'kvm' | 'tcg';

export interface AccelVerdict {
  accel: Accel;
  /** Why TCG (the probe's reason), absent for KVM. */
  why?: string;
}

/** Parses the probe's one line: `kvm` or `tcg <why>`. Anything else is TCG, saying so. */
export function parseAccel(line: string): AccelVerdict {
  const text = line.trim();
  if (text === 'kvm') return { accel: 'kvm' };
  if (text.startsWith('tcg')) return { accel: 'tcg', why: text.slice(3).trim() || 'no reason given' };
  return { accel: 'tcg', why: `unreadable verdict ${JSON.stringify(text)}` };
}

/** Runs the probe (a KVM boot of the guest, ~0.2 s when there is no usable KVM) and records its verdict. */
export async function probeAccel(): Promise<AccelVerdict> {
  const stdout = await runOk('bash', [scripts.kvmProbe, labPaths.rootfs, labPaths.guest]);
  await fs.writeFile(labPaths.accel, stdout.trim() + '\n');
  return parseAccel(stdout);
}

/** The recorded verdict; a lab prepared before the probe existed runs TCG. */
export async function readAccel(): Promise<AccelVerdict> {
  const text = await fs.readFile(labPaths.accel, 'utf8').catch(() => 'tcg not probed');
  return parseAccel(text);
}
