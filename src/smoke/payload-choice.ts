/**
 * Which device the smoke's image is for (issue #12 item 5): the one the smoke VM will get. `payload: floppy` or
 * `cdrom` says it outright. With `auto` it is the device the hypervisors give the VM's chipset: the preflight's
 * hypervisor-payload-device findings carry it per host ("i440fx=floppy q35=cdrom" in `actual`), and the VM's
 * chipset comes from the engine (its bios type, else its cluster's, else the level's default: vm-assess.ts). When a
 * chipset gets the CD on any host, the smoke tests the CD: the engine may start the VM on that host.
 */
import type { Config, PayloadDevice } from '../config/types.js';
import type { RunReport } from '../result/model.js';
import type { VmAssessment } from './vm-assess.js';

export type Chipset = 'i440fx' | 'q35';

export interface DeviceChoice {
  device: PayloadDevice;
  /** Why, for the build stage's message. */
  why: string;
}

/** "i440fx=floppy q35=cdrom" of every hypervisor in the preflight report, per chipset. */
export function verdictsByChipset(report: RunReport | undefined): Record<Chipset, string[]> {
  const out: Record<Chipset, string[]> = { i440fx: [], q35: [] };
  for (const host of report?.hosts ?? []) {
    const check = host.checks.find((c) => c.id === 'hypervisor-payload-device');
    const actual = check?.findings.find((f) => f.code === 'payload-device')?.actual ?? '';
    for (const m of actual.matchAll(/\b(i440fx|q35)=(\w+)/g)) out[m[1] as Chipset].push(`${host.name}:${m[2]}`);
  }
  return out;
}

export function chipsetOf(assessment: Pick<VmAssessment, 'bios'> | undefined): Chipset | undefined {
  if (!assessment || assessment.bios === 'unknown') return undefined;
  return assessment.bios.startsWith('q35') ? 'q35' : 'i440fx';
}

export function chooseSmokeDevice(config: Config, report: RunReport | undefined, chipset: Chipset | undefined): DeviceChoice {
  if (config.payload === 'floppy') return { device: 'floppy', why: 'payload: floppy' };
  if (config.payload === 'cdrom') return { device: 'cdrom', why: 'payload: cdrom' };
  const verdicts = verdictsByChipset(report);
  const families: Chipset[] = chipset ? [chipset] : ['i440fx', 'q35'];
  const cdHosts = families.flatMap((f) => verdicts[f].filter((v) => v.endsWith(':cdrom')).map((v) => v.split(':')[0]!));
  const label = chipset === 'q35' ? 'Q35' : (chipset ?? 'an unknown chipset');
  if (cdHosts.length > 0) {
    return {
      device: 'cdrom',
      why: `the smoke VM (${label}) gets a CD-ROM on ${[...new Set(cdHosts)].join(', ')} (hypervisor-payload-device)`,
    };
  }
  const known = families.some((f) => verdicts[f].length > 0);
  return {
    device: 'floppy',
    why: known ? `the smoke VM (${label}) gets a floppy on every hypervisor` : 'no hypervisor verdict (preflight off)',
  };
}
