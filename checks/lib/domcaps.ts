/**
 * QEMU floppy support as libvirt reports it: `virsh -r domcapabilities --machine M` lists `floppy` among the disk
 * `diskDevice` values (and `fdc` among the buses) when QEMU can emulate a floppy controller for that machine
 * type (facts §0.3: RHEL 8 qemu has no isa-fdc for pc-q35-rhel*, RHEL 10 qemu none at all; virt-v2v reads the
 * same enum, libguestfs/virt-v2v#107). Read-only (`-r`): on an oVirt host a read-write connection would ask
 * for SASL credentials.
 *
 * oVirt VMs use one of two chipsets (API BiosType i440fx_sea_bios | q35_sea_bios | q35_ovmf | q35_secure_boot),
 * asked for here by libvirt's machine aliases `pc` and `q35`; libvirt answers with the canonical machine type
 * (e.g. pc-q35-rhel8.6.0). A machine type QEMU does not have at all (i440fx on RHEL 10) is an error of virsh.
 */
import { XMLParser } from 'fast-xml-parser';
import { ParseError } from '../../src/errors.js';
import { quote } from '../../src/ssh/quote.js';

export type Chipset = 'i440fx' | 'q35';
export const CHIPSETS: readonly Chipset[] = ['i440fx', 'q35'];

/** libvirt's alias for each chipset's newest machine type. */
export const CHIPSET_MACHINE: Record<Chipset, string> = { i440fx: 'pc', q35: 'q35' };

export const CHIPSET_LABEL: Record<Chipset, string> = { i440fx: 'i440fx', q35: 'Q35' };

export type Domcaps =
  | { state: 'virsh-missing' }
  /** QEMU has no such machine type: no floppy for it either. */
  | { state: 'machine-unsupported'; message: string }
  /** virsh failed for another reason (libvirtd down, ...): floppy support unknown. */
  | { state: 'failed'; exitCode: number; message: string }
  | { state: 'ok'; machine: string; diskDevices: string[]; diskBuses: string[]; floppy: boolean };

/** stderr folded into stdout, so a failure's message reaches the parser (the runner discards stderr). */
export function domcapsCommand(machine: string): { sh: string } {
  return { sh: `${quote(['virsh', '-r', 'domcapabilities', '--machine', machine])} 2>&1` };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'enum' || name === 'value',
});

interface EnumNode {
  '@name'?: string;
  value?: unknown[];
}

function enumValues(disk: { enum?: EnumNode[] } | undefined, name: string): string[] {
  const found = disk?.enum?.find((e) => e['@name'] === name);
  return (found?.value ?? []).map((v) => String(v).trim());
}

/** libvirt's wording for a machine type the emulator lacks (qemu_capabilities.c, virQEMUCapsCacheLookupDefault). */
const MACHINE_UNSUPPORTED = /the machine '[^']*' is not supported by emulator/;

export function parseDomcaps(stdout: string, exitCode: number): Domcaps {
  const message = stdout.trim().split('\n').filter((l) => l.trim() !== '').join('; ');
  if (exitCode === 127) return { state: 'virsh-missing' };
  if (exitCode !== 0) {
    return MACHINE_UNSUPPORTED.test(stdout) ? { state: 'machine-unsupported', message } : { state: 'failed', exitCode, message };
  }
  let doc: { domainCapabilities?: { machine?: unknown; devices?: { disk?: { '@supported'?: string; enum?: EnumNode[] } } } };
  try {
    doc = parser.parse(stdout) as typeof doc;
  } catch (error) {
    throw new ParseError('virsh -r domcapabilities', stdout, `not XML: ${(error as Error).message}`);
  }
  const caps = doc.domainCapabilities;
  if (!caps) throw new ParseError('virsh -r domcapabilities', stdout, 'no <domainCapabilities>');
  const disk = caps.devices?.disk?.['@supported'] === 'yes' ? caps.devices.disk : undefined;
  const diskDevices = enumValues(disk, 'diskDevice');
  const diskBuses = enumValues(disk, 'bus');
  return {
    state: 'ok',
    machine: String(caps.machine ?? '').trim(),
    diskDevices,
    diskBuses,
    // The bundled hook writes bus='fdc'; a floppy device without that bus could not be attached the same way.
    floppy: diskDevices.includes('floppy') && diskBuses.includes('fdc'),
  };
}

/** Per chipset: true/false when libvirt said, undefined when it could not be asked (virsh missing or failing). */
export type DomcapsFloppy = Partial<Record<Chipset, boolean>>;

export function floppyByChipset(results: Record<Chipset, Domcaps>): DomcapsFloppy {
  const out: DomcapsFloppy = {};
  for (const chipset of CHIPSETS) {
    const r = results[chipset];
    if (r.state === 'ok') out[chipset] = r.floppy;
    if (r.state === 'machine-unsupported') out[chipset] = false;
  }
  return out;
}
