/**
 * Which device carries a VM's payload on one hypervisor, per chipset (issue #12 item 4): the floppy where this
 * host's QEMU offers one (lib/qemu-floppy.ts asks QEMU itself, facts §8.2), a private CD-ROM where it does not,
 * as `payload` allows. The CD needs the bundled hook (vdsm 4.40+): vdsm-hook-floppy on older hosts only knows the
 * floppy property. Pure, so the check, the smoke's device choice and the tests share one answer.
 */
import type { Config, PayloadChoice, PayloadDevice } from '../../src/config/types.js';
import { CHIPSET_LABEL } from './domcaps.js';
import { FLOPPY_PROPERTY } from './engine-properties.js';
import { MACHINE_FAMILIES, type FamilyFloppy, type MachineFamily } from './qemu-floppy.js';
import { vdsmHasHookPackage } from './rpm-version.js';

export type FamilyDevice =
  | { device: PayloadDevice }
  /** No payload can work for this chipset here; `why` completes "<chipset> VMs get no payload here: ...". */
  | { device: 'none'; why: string }
  /** QEMU could not be asked (hypervisor-floppy-capable reports why). */
  | { device: 'unknown' };

export interface HostPayloadInput {
  payload: PayloadChoice;
  /** vdsm's version-release; undefined without vdsm (hypervisor-vdsm-installed reports that). */
  vdsmVersion: string | undefined;
  families: Record<MachineFamily, FamilyFloppy>;
}

/** Whether this host runs our bundled hook (vdsm 4.40+), the only one that attaches a CD payload. */
export function hostHasBundledHook(vdsmVersion: string | undefined): boolean {
  return vdsmVersion !== undefined && !vdsmHasHookPackage(vdsmVersion);
}

export function payloadDevices(input: HostPayloadInput): Record<MachineFamily, FamilyDevice> {
  const bundled = hostHasBundledHook(input.vdsmVersion);
  const needsBundled = `the CD payload needs the bundled hook (vdsm 4.40+), and this host runs vdsm ${input.vdsmVersion ?? '(none)'} with vdsm-hook-floppy, which only attaches floppies`;
  const out = {} as Record<MachineFamily, FamilyDevice>;
  for (const family of MACHINE_FAMILIES) {
    const floppy = input.families[family].floppy;
    const qemuRefuses = `QEMU here refuses a floppy controller for ${CHIPSET_LABEL[family]}`;
    if (input.payload === 'cdrom') {
      out[family] = bundled ? { device: 'cdrom' } : { device: 'none', why: `payload is cdrom, but ${needsBundled}` };
    } else if (floppy === 'ok') {
      out[family] = { device: 'floppy' };
    } else if (floppy === 'unknown') {
      out[family] = bundled && input.payload === 'auto' ? { device: 'cdrom' } : { device: 'unknown' };
    } else if (input.payload === 'floppy') {
      out[family] = { device: 'none', why: `${qemuRefuses} and payload is floppy (no CD property); set payload: auto` };
    } else {
      out[family] = bundled ? { device: 'cdrom' } : { device: 'none', why: `${qemuRefuses}, and ${needsBundled}` };
    }
  }
  return out;
}

/** The property a VM sets for `device`. */
export function propertyFor(config: Config, device: PayloadDevice): string {
  return device === 'floppy' ? FLOPPY_PROPERTY : config.floppy.cdProperty;
}

const DEVICE_WORDS: Record<PayloadDevice, string> = { floppy: 'a floppy', cdrom: 'a CD-ROM' };

/** "i440fx VMs get a floppy (floppy=<clientPath>/NAME.vfd), Q35 VMs a CD-ROM (floppycd=<clientPath>/NAME.iso)" */
export function describeDevices(config: Config, devices: Record<MachineFamily, FamilyDevice>): string {
  const parts: string[] = [];
  for (const device of ['floppy', 'cdrom'] as const) {
    const families = MACHINE_FAMILIES.filter((f) => devices[f].device === device);
    if (families.length === 0) continue;
    const example = device === 'floppy' ? 'NAME.vfd' : 'NAME.iso';
    const verb = parts.length === 0 ? 'get ' : '';
    const who = families.map((f) => CHIPSET_LABEL[f]).join(' and ');
    parts.push(`${who} VMs ${verb}${DEVICE_WORDS[device]} (${propertyFor(config, device)}=<clientPath>/${example})`);
  }
  return parts.join(', ');
}
