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
import { quote, quoteArg } from '../../src/shell/quote.js';

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

/**
 * ONE probe command for both chipsets: `virsh -r domcapabilities --machine pc`, then `--machine q35`, each with
 * stderr folded into stdout (the runner discards stderr, and a failure's message must reach the parser) and
 * followed by a marker line with its exit status. Why this shape (the hypervisor script's CPU is the budget,
 * bench/README.md "Limits found" 2 and 3):
 *  - one script command instead of two saves the runner's per-command framing forks;
 *  - still two virsh processes, not one virsh with a `domcapabilities …; domcapabilities …` command string: with
 *    one virsh the exit status is only the last command's, and with 2>&1 into a pipe virsh's stderr (unbuffered)
 *    overtakes its buffered stdout, so a failure could not be told apart per machine type (and the lab's virsh
 *    stand-in takes one command per call);
 *  - no trimming on the host (`| sed -n '/<disk/,/<\/disk>/p'` would be one more process per host, or three with
 *    the subshell and a status-keeping wrapper): shipping the whole documents (a few KB each on real libvirt,
 *    mostly CPU models) costs microseconds through the already open channel, while a sed costs a fork, an exec
 *    and a dynamic link (~1 ms of CPU) on every hypervisor. The parse cost the trimming would save is saved on
 *    this side instead: parseDomcaps cuts the `<disk>` element out with string searches and XML-parses only that.
 * The loop stays on one line, so the shell's "not found" message reads as it did for a single virsh (exit 127).
 */
export const DOMCAPS_MARKER = '@@domcaps';

export function domcapsCommand(): { sh: string } {
  const virsh = quote(['virsh', '-r', 'domcapabilities', '--machine']);
  return {
    sh: `for m in ${CHIPSETS.map((c) => quoteArg(CHIPSET_MACHINE[c])).join(' ')}; do ${virsh} "$m" 2>&1; printf '\\n${DOMCAPS_MARKER} %s exit %s\\n' "$m" "$?"; done`,
  };
}

/** Split domcapsCommand's output per chipset, then parse each part; anything else is a ParseError. */
export function parseDomcapsByChipset(stdout: string): Record<Chipset, Domcaps> {
  const marker = new RegExp(`\\n${DOMCAPS_MARKER} (\\S+) exit (\\d+)\\n`, 'g');
  const parts: { machine: string; stdout: string; exitCode: number }[] = [];
  let from = 0;
  for (let m = marker.exec(stdout); m; m = marker.exec(stdout)) {
    parts.push({ machine: m[1]!, stdout: stdout.slice(from, m.index), exitCode: Number(m[2]) });
    from = m.index + m[0].length;
  }
  const machines = parts.map((p) => p.machine).join(' ');
  const wanted = CHIPSETS.map((c) => CHIPSET_MACHINE[c]).join(' ');
  if (machines !== wanted || from !== stdout.length) {
    throw new ParseError(
      'virsh -r domcapabilities',
      stdout,
      `expected one "${DOMCAPS_MARKER} <machine> exit <n>" line each for ${wanted}, in order`,
    );
  }
  const result = {} as Record<Chipset, Domcaps>;
  CHIPSETS.forEach((chipset, i) => {
    // The marker's leading newline is ours; what virsh printed keeps its own trailing newline.
    result[chipset] = parseDomcaps(parts[i]!.stdout, parts[i]!.exitCode);
  });
  return result;
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

interface DiskNode {
  '@supported'?: string;
  enum?: EnumNode[];
}

function enumValues(disk: DiskNode | undefined, name: string): string[] {
  const found = disk?.enum?.find((e) => e['@name'] === name);
  return (found?.value ?? []).map((v) => String(v).trim());
}

/** libvirt's wording for a machine type the emulator lacks (qemu_capabilities.c, virQEMUCapsCacheLookupDefault). */
const MACHINE_UNSUPPORTED = /the machine '[^']*' is not supported by emulator/;

/**
 * The `<disk …>…</disk>` (or `<disk supported='no'/>`) element under `<devices>`, cut out with string searches:
 * only this element and `<machine>` are read, so the rest of the document (CPU models, features: most of a real
 * libvirt document) is never XML-parsed. undefined when the document has no disk element.
 */
function diskElement(doc: string): string | undefined {
  const devices = doc.search(/<devices[\s>]/);
  if (devices < 0) return undefined;
  const rest = doc.slice(devices);
  const open = /<disk[\s/>]/.exec(rest);
  if (!open) return undefined;
  const start = open.index;
  const tagEnd = rest.indexOf('>', start);
  if (tagEnd < 0) return undefined;
  if (rest[tagEnd - 1] === '/') return rest.slice(start, tagEnd + 1);
  const close = rest.indexOf('</disk>', tagEnd);
  return close < 0 ? undefined : rest.slice(start, close + '</disk>'.length);
}

export function parseDomcaps(stdout: string, exitCode: number): Domcaps {
  const message = stdout
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .join('; ');
  if (exitCode === 127) return { state: 'virsh-missing' };
  if (exitCode !== 0) {
    return MACHINE_UNSUPPORTED.test(stdout) ? { state: 'machine-unsupported', message } : { state: 'failed', exitCode, message };
  }
  const root = stdout.search(/<domainCapabilities[\s>]/);
  if (root < 0) throw new ParseError('virsh -r domcapabilities', stdout, 'no <domainCapabilities>');
  const doc = stdout.slice(root);
  const machine = /<machine>([^<]*)<\/machine>/.exec(doc)?.[1] ?? '';
  const element = diskElement(doc);
  let disk: DiskNode | undefined;
  if (element !== undefined) {
    try {
      disk = (parser.parse(element) as { disk?: DiskNode | '' }).disk || undefined;
    } catch (error) {
      throw new ParseError('virsh -r domcapabilities', element, `not XML: ${(error as Error).message}`);
    }
  }
  if (disk?.['@supported'] !== 'yes') disk = undefined;
  const diskDevices = enumValues(disk, 'diskDevice');
  const diskBuses = enumValues(disk, 'bus');
  return {
    state: 'ok',
    machine: machine.trim(),
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
