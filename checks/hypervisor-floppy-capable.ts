/**
 * hypervisor-floppy-capable: QEMU on the hypervisor can emulate a floppy drive, per chipset oVirt uses.
 *
 * Why: the hook only edits the domain XML; whether the VM then starts is QEMU's decision. RHEL 8 qemu has no
 * floppy controller for Q35 machine types, RHEL 10 qemu has none at all, and oVirt makes Q35 the default from
 * cluster level 4.4 (facts §0.3). A floppy payload on such a host fails at every VM start, so the report says
 * so here, on every hypervisor, before any VM is tried. How: `virsh -r domcapabilities --machine pc|q35`, both
 * in one probe command (lib/domcaps.ts, which says why it is shaped so), the same enum libvirt users check
 * (libguestfs/virt-v2v#107). UNVERIFIED: whether libvirt releases older than the one virt-v2v targets already
 * leave `floppy` out where QEMU lacks it; the smoke test proves a real start.
 * Verdict: no floppy for either chipset → drift, not fixable ("floppy payloads cannot work here"). Floppy for
 * one chipset only → ok with an info finding naming the chipset that works (a VM's chipset is per VM; the smoke
 * test judges the smoke VM with lib/domcaps-verdict.ts). Not fixable: QEMU's device set is the host's build.
 * Role: hypervisor. Needs hypervisor-vdsm-installed (on a host without vdsm the question does not arise).
 */
import { defineCheck, type Finding } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { CHIPSET_LABEL, CHIPSET_MACHINE, CHIPSETS, domcapsCommand, floppyByChipset, parseDomcapsByChipset, type Chipset, type Domcaps } from './lib/domcaps.js';

export type FloppyCapable = Record<Chipset, Domcaps>;

/** "pc-q35-rhel8.6.0 lists no floppy device", "no i440fx machine type", ... */
function why(chipset: Chipset, r: Domcaps): string {
  if (r.state === 'ok') return r.floppy ? `${r.machine} has a floppy device` : `${r.machine} lists no floppy device`;
  if (r.state === 'machine-unsupported') return `no ${CHIPSET_LABEL[chipset]} machine type`;
  return 'unknown';
}

function failures(o: FloppyCapable): Finding[] {
  const failed = CHIPSETS.filter((c) => o[c].state === 'failed');
  const messages = [...new Set(failed.map((c) => (o[c] as Extract<Domcaps, { state: 'failed' }>).message))];
  return messages.map((message) => {
    const machines = failed.filter((c) => (o[c] as Extract<Domcaps, { state: 'failed' }>).message === message).map((c) => CHIPSET_MACHINE[c]);
    return {
      code: 'domcaps-failed',
      message: `virsh -r domcapabilities --machine ${machines.join('|')} failed: ${message || '(no output)'}; cannot tell whether QEMU offers a floppy device (is libvirtd running?)`,
      fixable: false,
    };
  });
}

export default defineCheck<{ domcaps: FloppyCapable }, Config>({
  id: 'hypervisor-floppy-capable',
  title: 'QEMU on the hypervisor can emulate a floppy drive',
  roles: ['hypervisor'],
  severity: 'error',
  dependsOn: ['hypervisor-vdsm-installed'],
  probe: () => ({ domcaps: { run: domcapsCommand(), parse: parseDomcapsByChipset } }),
  compare: ({ domcaps: o }): Finding[] => {
    if (CHIPSETS.some((c) => o[c].state === 'virsh-missing')) {
      return [{ code: 'virsh-missing', message: 'virsh is not installed (libvirt-client): cannot ask libvirt whether QEMU offers a floppy device', fixable: false }];
    }
    const findings = failures(o);
    const floppy = floppyByChipset(o);
    const detail = CHIPSETS.map((c) => `${CHIPSET_LABEL[c]}: ${why(c, o[c])}`).join('; ');
    if (floppy.i440fx === false && floppy.q35 === false) {
      findings.push({
        code: 'qemu-no-floppy',
        message: `floppy payloads cannot work here: QEMU on this host offers no floppy device (${detail}), so a VM with the floppy property fails to start (RHEL qemu has no floppy controller for Q35 from RHEL 8 and none at all from RHEL 10)`,
        expected: 'floppy in the disk diskDevice enum',
        actual: 'absent',
        fixable: false,
      });
      return findings;
    }
    const works = CHIPSETS.filter((c) => floppy[c] === true);
    const lacks = CHIPSETS.filter((c) => floppy[c] === false);
    if (works.length === CHIPSETS.length) {
      findings.push({ code: 'floppy-supported', severity: 'info', message: `QEMU offers a floppy device for both chipsets (${detail})` });
    } else if (works.length > 0 && lacks.length > 0) {
      const [yes, no] = [CHIPSET_LABEL[works[0]!], CHIPSET_LABEL[lacks[0]!]];
      const q35Hint = lacks[0] === 'q35' ? ' (Q35 is the cluster default from level 4.4: set such VMs to bios type i440fx_sea_bios)' : '';
      findings.push({
        code: 'floppy-chipset-only',
        severity: 'info',
        message: `floppy payloads work here only for ${yes} VMs: ${detail}; a ${no} VM with the floppy property fails to start${q35Hint}`,
      });
    }
    return findings;
  },
});
