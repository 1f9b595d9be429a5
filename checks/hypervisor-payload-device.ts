/**
 * hypervisor-payload-device: per chipset, which device carries a VM's payload on this hypervisor (issue #12
 * item 4), and that every chipset gets one.
 *
 * Why: on EL8 QEMU refuses a floppy controller on Q35, on EL9/EL10 QEMU has no floppy at all (facts §8.2), and
 * oVirt 4.5.7 makes Q35 the default for new clusters (facts §8.1). The payload stays private either way: a CD-ROM
 * image in the same chrooted upload directory, attached by the bundled hook. `payload: auto` gives each chipset
 * the floppy where QEMU offers one and the CD where it does not; the info finding tells the admin (and the rollout
 * script) which property a VM of each chipset must carry on this host. QEMU's answer is the same probe command as
 * hypervisor-floppy-capable (run once per host, kept by the probe memo), so this costs nothing extra.
 * Drift (not fixable) when a chipset gets no payload: `payload: floppy` where QEMU has no floppy, or a CD needed on
 * a host below vdsm 4.40, whose vdsm-hook-floppy only knows the floppy property.
 * Role: hypervisor. Needs hypervisor-vdsm-installed.
 */
import { defineCheck, type Finding } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { CHIPSET_LABEL } from './lib/domcaps.js';
import { describeDevices, payloadDevices } from './lib/payload-device.js';
import { MACHINE_FAMILIES, qemuFloppyProbe, rememberQemuFloppy, type QemuFloppy } from './lib/qemu-floppy.js';

export default defineCheck<{ qemu: QemuFloppy }, Config>({
  id: 'hypervisor-payload-device',
  title: 'every chipset gets a payload device here (floppy where QEMU offers one, else a CD-ROM)',
  roles: ['hypervisor'],
  severity: 'error',
  dependsOn: ['hypervisor-vdsm-installed'],
  probe: ({ memo }) => ({ qemu: qemuFloppyProbe(memo) }),
  remember: ({ qemu }) => rememberQemuFloppy(qemu),
  compare: ({ qemu }, { config, facts }): Finding[] => {
    // No QEMU: hypervisor-floppy-capable says so; no VM starts here at all.
    if (qemu.state !== 'probed') return [];
    const devices = payloadDevices({ payload: config.payload, vdsmVersion: facts.vdsmVersion, families: qemu.families });
    const findings: Finding[] = [];
    const described = describeDevices(config, devices);
    // `actual` says it for machines (the smoke picks its device from it): "i440fx=floppy q35=cdrom".
    const actual = MACHINE_FAMILIES.map((f) => `${f}=${devices[f].device}`).join(' ');
    if (described) findings.push({ code: 'payload-device', severity: 'info', message: `payload ${config.payload}: ${described}`, actual });
    for (const family of MACHINE_FAMILIES) {
      const d = devices[family];
      if (d.device !== 'none') continue;
      findings.push({
        code: 'payload-device-none',
        message: `${CHIPSET_LABEL[family]} VMs get no payload here: ${d.why}`,
        fixable: false,
      });
    }
    return findings;
  },
});
