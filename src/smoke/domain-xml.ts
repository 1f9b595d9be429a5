/**
 * libvirt domain XML: the small domain the hook dry-fire feeds the hook, and reading back the floppy disks a
 * domain has (after the hook, and in `virsh -r dumpxml` of the smoke VM). The hook appends
 * `<disk type='file' device='floppy'><source file='PATH'/><target dev='fda'/></disk>` under `<devices>`
 * (facts §2.2).
 */
import { XMLParser } from 'fast-xml-parser';
import { ParseError } from '../errors.js';
import type { SmokeImage } from './types.js';

/**
 * A domain like the ones vdsm builds, reduced to what a before_vm_start hook may touch: one CD-ROM so the
 * result also shows the hook appended a disk rather than replacing the list. `uuid` is the oVirt VM id in real
 * life (facts §4.7).
 */
export function smokeDomainXml(uuid: string): string {
  return [
    "<?xml version='1.0' encoding='utf-8'?>",
    "<domain type='kvm' xmlns:ovirt-vm='http://ovirt.org/vm/1.0'>",
    '  <name>ovirt-floppy-smoke</name>',
    `  <uuid>${uuid}</uuid>`,
    "  <memory unit='KiB'>1048576</memory>",
    "  <os><type arch='x86_64' machine='pc-i440fx-rhel7.6.0'>hvm</type></os>",
    '  <devices>',
    "    <disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>",
    '  </devices>',
    '</domain>',
    '',
  ].join('\n');
}

export interface DomainDisk {
  device: string;
  source?: string;
  target?: string;
  /** `<target bus=…>`: libvirt's live XML always has it (fdc, ide, sata, …). */
  bus?: string;
}

/** What the smoke's evidence needs from a running domain besides its disks. */
export interface DomainInfo {
  /** `<os><type machine=…>`, the machine type libvirt resolved (e.g. pc-i440fx-7.2, pc-q35-rhel8.6.0). */
  machine?: string;
  /** `<serial type='file'><source path=…>`: where the guest's console goes, when it is a file on the host. */
  serialFile?: string;
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => name === 'disk' || name === 'serial',
});

function attr(node: unknown, name: string): string | undefined {
  const v = (node as XmlNode | undefined)?.[`@${name}`];
  return typeof v === 'string' ? v : undefined;
}

function domainNode(xml: string): XmlNode {
  let doc: XmlNode;
  try {
    doc = parser.parse(xml) as XmlNode;
  } catch (error) {
    throw new ParseError('domain XML', xml, (error as Error).message);
  }
  const domain = doc.domain as XmlNode | undefined;
  if (!domain || typeof domain !== 'object') throw new ParseError('domain XML', xml, 'no <domain> element');
  return domain;
}

export function domainInfo(xml: string): DomainInfo {
  const domain = domainNode(xml);
  const machine = attr((domain.os as XmlNode | undefined)?.type, 'machine');
  const serials = (((domain.devices as XmlNode | undefined)?.serial as unknown[] | undefined) ?? []) as XmlNode[];
  const file = serials.find((s) => attr(s, 'type') === 'file');
  const serialFile = attr(file?.source, 'path');
  return { ...(machine ? { machine } : {}), ...(serialFile ? { serialFile } : {}) };
}

/** Every `<disk>` under `<domain><devices>`. Throws ParseError for text that is not a domain. */
export function domainDisks(xml: string): DomainDisk[] {
  const domain = domainNode(xml);
  const devices = domain.devices as XmlNode | undefined;
  const disks = (devices?.disk as unknown[] | undefined) ?? [];
  return disks.map((d) => {
    const source = attr((d as XmlNode).source, 'file');
    const target = attr((d as XmlNode).target, 'dev');
    const bus = attr((d as XmlNode).target, 'bus');
    return { device: attr(d, 'device') ?? 'disk', ...(source ? { source } : {}), ...(target ? { target } : {}), ...(bus ? { bus } : {}) };
  });
}

/**
 * Why the floppy disks of a domain are not exactly one floppy at `fda` from `path`; undefined when they are.
 */
export function floppyProblem(disks: DomainDisk[], path: string): string | undefined {
  const floppies = disks.filter((d) => d.device === 'floppy');
  if (floppies.length === 0) return 'no floppy disk in the domain XML';
  if (floppies.length > 1)
    return `${floppies.length} floppy disks (${floppies.map((f) => `${f.target ?? '?'}=${f.source ?? '?'}`).join(', ')}), expected exactly one`;
  const [f] = floppies as [DomainDisk];
  if (f.source !== path) return `the floppy's source is ${f.source ?? 'missing'}, not ${path}`;
  if (f.target !== 'fda') return `the floppy is at ${f.target ?? 'no target'}, not fda`;
  return undefined;
}

/**
 * Why the domain does not hold exactly one cdrom from `path` that the CD payload hook attached (read-only, on the
 * SATA or IDE bus, issue #12); undefined when it does.
 */
export function cdromProblem(disks: DomainDisk[], path: string): string | undefined {
  const ours = disks.filter((d) => d.device === 'cdrom' && d.source === path);
  if (ours.length === 0) return `no cdrom from ${path} in the domain XML`;
  if (ours.length > 1) return `${ours.length} cdroms from ${path} (${ours.map((d) => d.target ?? '?').join(', ')}), expected exactly one`;
  const bus = ours[0]!.bus;
  if (bus !== undefined && bus !== 'sata' && bus !== 'ide') return `the cdrom from ${path} is on bus ${bus}, not sata or ide`;
  return undefined;
}

/** The disk the payload hook attached for `image`, or why it is not there. */
export function payloadDiskProblem(disks: DomainDisk[], image: Pick<SmokeImage, 'device' | 'clientPath'>): string | undefined {
  return image.device === 'cdrom' ? cdromProblem(disks, image.clientPath) : floppyProblem(disks, image.clientPath);
}

export function payloadDisk(disks: DomainDisk[], image: Pick<SmokeImage, 'device' | 'clientPath'>): DomainDisk | undefined {
  return disks.find((d) => d.device === image.device && (image.device === 'floppy' || d.source === image.clientPath));
}
