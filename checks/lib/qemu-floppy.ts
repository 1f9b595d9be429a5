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
 * Memo: two QEMU starts cost ~200 ms of CPU per host and audit (bench/README.md), for an answer that only a new QEMU
 * build changes. The probe prints the binary's identity (`stat -L`: device, inode, size, mtime and ctime with
 * nanoseconds; a package update replaces the file, so all change) and, when it equals the identity kept from the
 * last run (Check.remember → ProbeContext.memo), prints `@@qemu cached` instead of starting QEMU; the parse then
 * reads the answer kept with that identity. The host decides, so a stale memo costs one full probe, never a wrong
 * verdict.
 */
import type { ProbeMemo } from '../../src/check-api.js';
import { ParseError } from '../../src/errors.js';
import { quoteArg } from '../../src/shell/quote.js';
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
export type FamilyFloppy = { floppy: 'ok' } | { floppy: 'refused'; message: string } | { floppy: 'unknown'; message: string };

export type QemuFloppy =
  | { state: 'qemu-missing' }
  | {
      state: 'probed';
      binary: string;
      families: Record<MachineFamily, FamilyFloppy>;
      /** What to remember for the next run (identity + QEMU's answers), when the probe printed an identity. */
      memo?: string;
      /** The answer came from the memo: the binary is the file QEMU was asked about before. */
      fromMemo?: true;
    };

/** The key of the QEMU answer in the probe memo (ProbeContext.memo / Check.remember). */
export const QEMU_MEMO_KEY = 'qemu-floppy';

export const QEMU_MARKER = '@@qemu';

const QMP_QUIT = String.raw`'{"execute":"qmp_capabilities"}\n{"execute":"quit"}\n'`;

/** The identity line of a memo, and the answers (the probe's output after its identity line). */
function splitMemo(memo: string | undefined): { identity: string; answers: string } | undefined {
  if (!memo) return undefined;
  const nl = memo.indexOf('\n');
  return nl > 0 ? { identity: memo.slice(0, nl), answers: memo.slice(nl + 1) } : undefined;
}

/** The probe; with `memo` (kept from the last run) QEMU is only started when the binary changed. */
export function qemuFloppyCommand(memo?: string): { sh: string } {
  const start = `printf ${QMP_QUIT} | "$q" -machine "$m" -accel kvm -accel tcg -nodefaults -display none -S -device isa-fdc -qmp stdio 2>&1 >/dev/null`;
  const ask =
    `for m in ${MACHINE_FAMILIES.map((f) => FAMILY_MACHINE[f])
      .reverse()
      .join(' ')}; do o=$(${start}); r=$?; ` +
    `printf '%s\\n${QEMU_MARKER} %s exit %s\\n' "$o" "$m" "$r"; ` +
    `case $o in *"is not a valid device model name"*) break ;; esac; done`;
  const kept = splitMemo(memo)?.identity;
  return {
    sh:
      `q=/usr/libexec/qemu-kvm; [ -x "$q" ] || q=$(command -v qemu-system-x86_64) || { echo '${QEMU_MARKER} missing'; exit 0; }; ` +
      `echo "${QEMU_MARKER} binary $q"; id=$(stat -L -c '%d:%i:%s:%y:%z' "$q" 2>/dev/null); echo "${QEMU_MARKER} id $id"; ` +
      (kept ? `if [ -n "$id" ] && [ "$id" = ${quoteArg(kept)} ]; then echo '${QEMU_MARKER} cached'; else ${ask}; fi` : ask),
  };
}

/** The part of QEMU's message after `<prog>: -device isa-fdc: ` (or its last line when it has no such prefix). */
function qemuMessage(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
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

/** The probe's output; `memo` is what qemuFloppyCommand was given (the answers behind `@@qemu cached`). */
export function parseQemuFloppy(stdout: string, memo?: string): QemuFloppy {
  if (stdout.trim() === `${QEMU_MARKER} missing`) return { state: 'qemu-missing' };
  const binary = new RegExp(`^${QEMU_MARKER} binary (.+)$`, 'm').exec(stdout)?.[1];
  if (!binary) throw new ParseError('qemu floppy probe', stdout, `no "${QEMU_MARKER} binary" line`);
  let rest = stdout.slice(stdout.indexOf('\n', stdout.indexOf(`${QEMU_MARKER} binary`)) + 1);
  const idLine = new RegExp(`^${QEMU_MARKER} id (.*)\n`).exec(rest);
  const identity = idLine?.[1];
  if (idLine) rest = rest.slice(idLine[0].length);
  if (rest.trim() === `${QEMU_MARKER} cached`) {
    const kept = splitMemo(memo);
    if (!kept || kept.identity !== identity)
      throw new ParseError('qemu floppy probe', stdout, 'the probe used a memo this parse does not have');
    return { ...answersOf(kept.answers, stdout, binary), memo: memo!, fromMemo: true };
  }
  const probed = answersOf(rest, stdout, binary);
  return identity ? { ...probed, memo: `${identity}\n${rest}` } : probed;
}

function answersOf(rest: string, stdout: string, binary: string): QemuFloppy & { state: 'probed' } {
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

/** The probe item both QEMU-asking checks use (identical, so the runner runs it once per host), with the memo. */
export function qemuFloppyProbe(memo: ProbeMemo | undefined): { run: { sh: string }; parse: (stdout: string) => QemuFloppy } {
  const kept = memo?.get(QEMU_MEMO_KEY);
  return { run: qemuFloppyCommand(kept), parse: (stdout) => parseQemuFloppy(stdout, kept) };
}

/** What to keep for the next run (Check.remember): the identity and QEMU's answers. */
export function rememberQemuFloppy(qemu: QemuFloppy): Record<string, string> {
  return qemu.state === 'probed' && qemu.memo ? { [QEMU_MEMO_KEY]: qemu.memo } : {};
}
