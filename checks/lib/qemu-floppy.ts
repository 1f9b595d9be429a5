/**
 * Does this host's QEMU accept a floppy controller, per machine-type family? Asked of QEMU itself, because
 * libvirt cannot say: its domcapabilities lists floppy/fdc for every x86 machine type and never asks QEMU about
 * isa-fdc (facts §8.2), so on RHEL 8 it lists floppy for Q35 while qemu-kvm refuses "Device isa-fdc is not
 * supported with machine type pc-q35-rhel8.0.0", and RHEL 9/10 qemu-kvm has no floppy device at all. Since the
 * CVE-2019-10167 fix libvirt also refuses domcapabilities on a read-only connection ("read only access prevents
 * virConnectGetDomainCapabilities"), and a read-write one needs vdsm's SASL credentials on an oVirt host.
 *
 * How: a short QEMU start that builds the machine and the controller and stops before running anything:
 * `-machine M -accel kvm -accel tcg -nodefaults -display none -S -device isa-fdc -qmp stdio`, QMP told
 * `qmp_capabilities` + `quit` on stdin (without input the QMP form waits forever). Exit 0: accepted; else QEMU's
 * own message says why (exit 1). One probe command, Q35 first; when QEMU says the device model does not exist
 * ("'isa-fdc' is not a valid device model name", qdev-monitor.c), the i440fx start is left out: the answer is
 * the same for every machine type of that build, and a QEMU start is the probe's main CPU cost.
 * The binary: /usr/libexec/qemu-kvm (EL, what libvirt runs there), else qemu-system-x86_64 from PATH.
 */
import { ParseError } from '../../src/errors.js';
import { CHIPSET_LABEL, CHIPSETS, type Chipset } from './domcaps.js';

/** The machine-type family of an oVirt VM (its chipset): i440fx (`pc`) or Q35 (`q35`). */
export type MachineFamily = Chipset;
export const MACHINE_FAMILIES: readonly MachineFamily[] = CHIPSETS;

/** QEMU's alias for each family's newest machine type, as `-machine` takes it. */
export const FAMILY_MACHINE: Record<MachineFamily, string> = { i440fx: 'pc', q35: 'q35' };

/**
 * One family's answer. `refused` carries QEMU's own words (e.g. "Device isa-fdc is not supported with machine type
 * pc-q35-rhel8.0.0"); `unknown` means QEMU failed for another reason (it could not be asked).
 */
export type FamilyFloppy =
  | { floppy: 'ok' }
  | { floppy: 'refused'; message: string }
  | { floppy: 'unknown'; message: string };

export type QemuFloppy =
  | { state: 'qemu-missing' }
  | { state: 'probed'; binary: string; families: Record<MachineFamily, FamilyFloppy> };

export const QEMU_MARKER = '@@qemu';

const QMP_QUIT = String.raw`'{"execute":"qmp_capabilities"}\n{"execute":"quit"}\n'`;

export function qemuFloppyCommand(): { sh: string } {
  const start = `printf ${QMP_QUIT} | "$q" -machine "$m" -accel kvm -accel tcg -nodefaults -display none -S -device isa-fdc -qmp stdio 2>&1 >/dev/null`;
  return {
    sh:
      `q=/usr/libexec/qemu-kvm; [ -x "$q" ] || q=$(command -v qemu-system-x86_64) || { echo '${QEMU_MARKER} missing'; exit 0; }; ` +
      `echo "${QEMU_MARKER} binary $q"; ` +
      `for m in ${MACHINE_FAMILIES.map((f) => FAMILY_MACHINE[f]).reverse().join(' ')}; do o=$(${start}); r=$?; ` +
      `printf '%s\\n${QEMU_MARKER} %s exit %s\\n' "$o" "$m" "$r"; ` +
      `case $o in *"is not a valid device model name"*) break ;; esac; done`,
  };
}

/** The part of QEMU's message after `<prog>: -device isa-fdc: ` (or its last line when it has no such prefix). */
function qemuMessage(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const device = lines.find((l) => /: -device isa-fdc: /.test(l));
  if (device) return device.slice(device.indexOf(': -device isa-fdc: ') + ': -device isa-fdc: '.length);
  const last = lines.at(-1) ?? '';
  return last.replace(/^[^\s:]+: /, '');
}

function classify(output: string, exitCode: number): FamilyFloppy {
  if (exitCode === 0) return { floppy: 'ok' };
  const message = qemuMessage(output) || `exit status ${exitCode}`;
  // The controller itself refused, or the family's machine type missing from the build (no floppy there either).
  if (/isa-fdc|unsupported machine type|machine type .*not supported/i.test(output)) return { floppy: 'refused', message };
  return { floppy: 'unknown', message };
}

export function parseQemuFloppy(stdout: string): QemuFloppy {
  if (stdout.trim() === `${QEMU_MARKER} missing`) return { state: 'qemu-missing' };
  const binary = new RegExp(`^${QEMU_MARKER} binary (.+)$`, 'm').exec(stdout)?.[1];
  if (!binary) throw new ParseError('qemu floppy probe', stdout, `no "${QEMU_MARKER} binary" line`);
  const rest = stdout.slice(stdout.indexOf('\n', stdout.indexOf(`${QEMU_MARKER} binary`)) + 1);
  const marker = new RegExp(`^${QEMU_MARKER} (\\S+) exit (\\d+)$`, 'gm');
  const answers = new Map<string, FamilyFloppy>();
  let from = 0;
  for (let m = marker.exec(rest); m; m = marker.exec(rest)) {
    answers.set(m[1]!, classify(rest.slice(from, m.index), Number(m[2])));
    from = m.index + m[0].length + 1;
  }
  const q35 = answers.get(FAMILY_MACHINE.q35);
  if (!q35) throw new ParseError('qemu floppy probe', stdout, `no "${QEMU_MARKER} q35 exit N" line`);
  // Left out by the probe only after "not a valid device model name": the same refusal for every family.
  const i440fx = answers.get(FAMILY_MACHINE.i440fx) ?? q35;
  return { state: 'probed', binary, families: { i440fx, q35 } };
}

/**
 * The verdict in one sentence, the words reports and the CD-ROM payload work build on:
 * "floppy works for i440fx VMs only; Q35 VMs need another payload (a CD-ROM payload)".
 */
export function floppyFamiliesText(families: Record<MachineFamily, FamilyFloppy>): string {
  const ok = MACHINE_FAMILIES.filter((f) => families[f].floppy === 'ok');
  const refused = MACHINE_FAMILIES.filter((f) => families[f].floppy === 'refused');
  const labels = (fs: readonly MachineFamily[]) => fs.map((f) => CHIPSET_LABEL[f]).join(' and ');
  if (ok.length === MACHINE_FAMILIES.length) return `floppy works for ${labels(ok)} VMs`;
  if (ok.length === 0 && refused.length === MACHINE_FAMILIES.length) {
    return `floppy works for no VM here; ${labels(refused)} VMs need another payload (a CD-ROM payload)`;
  }
  const parts = [ok.length ? `floppy works for ${labels(ok)} VMs only` : 'floppy works for no VM known here'];
  if (refused.length) parts.push(`${labels(refused)} VMs need another payload (a CD-ROM payload)`);
  const unknown = MACHINE_FAMILIES.filter((f) => families[f].floppy === 'unknown');
  if (unknown.length) parts.push(`${labels(unknown)}: QEMU could not be asked`);
  return parts.join('; ');
}

/** Per family true/false, unknown left out: the shape the per-VM verdict (domcaps-verdict.ts) takes. */
export function floppyByFamily(families: Record<MachineFamily, FamilyFloppy>): Partial<Record<MachineFamily, boolean>> {
  const out: Partial<Record<MachineFamily, boolean>> = {};
  for (const f of MACHINE_FAMILIES) {
    if (families[f].floppy !== 'unknown') out[f] = families[f].floppy === 'ok';
  }
  return out;
}
