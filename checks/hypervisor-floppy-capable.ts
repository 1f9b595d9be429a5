/**
 * hypervisor-floppy-capable: QEMU on the hypervisor accepts a floppy controller, per machine-type family oVirt
 * VMs use (i440fx, Q35).
 *
 * Why: the hook only edits the domain XML; whether the VM then starts is QEMU's decision. RHEL 8 qemu-kvm refuses
 * isa-fdc on Q35 machine types, RHEL 9/10 qemu-kvm has no floppy device at all, and oVirt makes Q35 the default
 * from cluster level 4.4 (facts §0.3, §8.2). libvirt's domcapabilities cannot tell: it lists floppy for every
 * machine type without asking QEMU (the EL 8 trap), so this asks QEMU itself (lib/qemu-floppy.ts: a stopped QEMU
 * start with `-device isa-fdc`, per family). The verdict names the families a floppy works for and quotes QEMU's
 * refusal for the others ("floppy works for i440fx VMs only; Q35 VMs need another payload (a CD-ROM payload)").
 * Verdict: no family → drift, not fixable, unless the CD payload serves every chipset here (payload auto or cdrom
 * on vdsm 4.40+: hypervisor-payload-device) → info. Some families → ok with an info finding naming them (a VM's chipset
 * is per VM; the smoke test judges the smoke VM with lib/domcaps-verdict.ts). Not fixable: QEMU's device set is
 * the host's build.
 * Role: hypervisor. Needs hypervisor-vdsm-installed (on a host without vdsm the question does not arise).
 */
import { defineCheck, type Finding } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { CHIPSET_LABEL } from './lib/domcaps.js';
import { payloadDevices } from './lib/payload-device.js';
import {
  FAMILY_MACHINE,
  floppyFamiliesText,
  MACHINE_FAMILIES,
  qemuFloppyProbe,
  rememberQemuFloppy,
  type FamilyFloppy,
  type QemuFloppy,
} from './lib/qemu-floppy.js';

/** "Q35 (-machine q35): Device isa-fdc is not supported with machine type pc-q35-rhel8.0.0" */
function said(families: Record<string, FamilyFloppy>, which: FamilyFloppy['floppy']): string {
  const seen = new Set<string>();
  return MACHINE_FAMILIES.filter((f) => families[f]!.floppy === which)
    .flatMap((f) => {
      const a = families[f]!;
      const msg = 'message' in a ? a.message : '';
      const text = seen.has(msg) ? '' : msg;
      seen.add(msg);
      return [`${CHIPSET_LABEL[f]} (-machine ${FAMILY_MACHINE[f]})${text ? `: ${text}` : ': the same'}`];
    })
    .join('; ');
}

export default defineCheck<{ qemu: QemuFloppy }, Config>({
  id: 'hypervisor-floppy-capable',
  title: 'QEMU on the hypervisor accepts a floppy controller',
  roles: ['hypervisor'],
  severity: 'error',
  dependsOn: ['hypervisor-vdsm-installed'],
  probe: ({ memo }) => ({ qemu: qemuFloppyProbe(memo) }),
  remember: ({ qemu }) => rememberQemuFloppy(qemu),
  // Where the answer came from (JSON measurements), not in the message: findings stay the same run to run.
  measure: ({ qemu }) => ({ 'qemu-answer-kept': qemu.state === 'probed' && qemu.fromMemo ? 1 : 0 }),
  compare: ({ qemu }, { config, facts }): Finding[] => {
    if (qemu.state === 'qemu-missing') {
      return [
        {
          code: 'qemu-missing',
          message: 'neither /usr/libexec/qemu-kvm nor qemu-system-x86_64 is installed: no VM can start here',
          fixable: false,
        },
      ];
    }
    const f = qemu.families;
    const text = floppyFamiliesText(f);
    const devices = payloadDevices({ payload: config.payload, vdsmVersion: facts.vdsmVersion, families: f });
    const cdCoversEveryChipset = MACHINE_FAMILIES.every((m) => devices[m].device === 'cdrom');
    const findings: Finding[] = [];
    const unknown = MACHINE_FAMILIES.filter((m) => f[m].floppy === 'unknown');
    if (unknown.length > 0) {
      findings.push({
        code: 'qemu-probe-failed',
        message: `${qemu.binary} could not be asked about a floppy controller: ${said(f, 'unknown')}`,
        fixable: false,
      });
    }
    const ok = MACHINE_FAMILIES.filter((m) => f[m].floppy === 'ok');
    const refused = MACHINE_FAMILIES.filter((m) => f[m].floppy === 'refused');
    if (ok.length === 0 && refused.length === MACHINE_FAMILIES.length && cdCoversEveryChipset) {
      // EL9/EL10: no floppy at all, but the bundled hook gives every VM the CD payload instead (issue #12).
      findings.push({
        code: 'qemu-no-floppy-cd-payload',
        severity: 'info',
        message: `${text}; QEMU (${qemu.binary}) has no floppy controller (${said(f, 'refused')}): VMs here get the CD payload (${config.floppy.cdProperty})`,
      });
    } else if (ok.length === 0 && refused.length === MACHINE_FAMILIES.length) {
      findings.push({
        code: 'qemu-no-floppy',
        message: `floppy payloads cannot work here: ${text}; QEMU (${qemu.binary}) refuses a floppy controller: ${said(f, 'refused')}`,
        expected: 'QEMU accepts -device isa-fdc',
        actual: 'refused',
        fixable: false,
      });
    } else if (ok.length === MACHINE_FAMILIES.length) {
      findings.push({
        code: 'floppy-supported',
        severity: 'info',
        message: `${text}: QEMU (${qemu.binary}) accepts a floppy controller for both chipsets`,
      });
    } else if (ok.length > 0 && refused.length > 0) {
      const q35Hint = refused.includes('q35')
        ? " (Q35 is the cluster default from level 4.4; libvirt's domcapabilities still lists floppy for it)"
        : '';
      findings.push({
        code: 'floppy-chipset-only',
        severity: 'info',
        message: `${text}: QEMU (${qemu.binary}) says ${said(f, 'refused')}${q35Hint}`,
      });
    }
    return findings;
  },
});
