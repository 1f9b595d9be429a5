/**
 * hypervisor-payload-device on the captured QEMU answers of the lab's three policies (real Debian QEMU 7.2 behind
 * the RHEL policy wrapper: hypervisor-floppy-capable fixtures, source.txt there), for each `payload` and for hosts
 * with and without the bundled hook (vdsm 4.40+).
 */
import { describe, expect, it } from 'vitest';
import check from '../../../checks/hypervisor-payload-device.js';
import { payloadDevices } from '../../../checks/lib/payload-device.js';
import type { PayloadChoice } from '../../../src/config/types.js';
import { makeContext, probeWithFake } from '../../support/check-harness.js';
import { fixture, preflight } from './lib/fixtures.js';

const QEMU = 'hypervisor-floppy-capable';
const EL8 = '4.50.5-1.el8';
const EL7 = '4.30.46-1.el7';
const hv = (payload: PayloadChoice = 'auto', vdsmVersion = EL8) => makeContext({ facts: { vdsmVersion }, config: { payload } });
const judge = async (policy: string, payload: PayloadChoice = 'auto', vdsm = EL8) => {
  const ctx = hv(payload, vdsm);
  return check.compare(await probeWithFake(check, ctx, fixture(QEMU, policy)), ctx);
};

describe('hypervisor-payload-device', () => {
  it('shares the QEMU probe command with hypervisor-floppy-capable (the runner runs it once per host)', async () => {
    const { default: capable } = await import('../../../checks/hypervisor-floppy-capable.js');
    expect(check.probe(hv()).qemu.run).toEqual(capable.probe(hv()).qemu.run);
    expect(preflight(check, hv(), { 'hypervisor-vdsm-installed': 'error' })).toMatchObject({ status: 'skipped' });
  });

  it('auto, upstream QEMU (floppy on both): both chipsets get the floppy', async () => {
    expect(await judge('lab-qemu-upstream')).toEqual([
      {
        code: 'payload-device',
        severity: 'info',
        message: 'payload auto: i440fx and Q35 VMs get a floppy (floppy=<clientPath>/NAME.vfd)',
        actual: 'i440fx=floppy q35=floppy',
      },
    ]);
  });

  it('auto, RHEL 8 policy: i440fx keeps the floppy, Q35 gets the CD', async () => {
    expect(await judge('lab-qemu-rhel8')).toEqual([
      {
        code: 'payload-device',
        severity: 'info',
        message: 'payload auto: i440fx VMs get a floppy (floppy=<clientPath>/NAME.vfd), Q35 VMs a CD-ROM (floppycd=<clientPath>/NAME.iso)',
        actual: 'i440fx=floppy q35=cdrom',
      },
    ]);
  });

  it('auto, RHEL 9 policy: every VM gets the CD', async () => {
    expect((await judge('lab-qemu-rhel9')).map((f) => f.message)).toEqual([
      'payload auto: i440fx and Q35 VMs get a CD-ROM (floppycd=<clientPath>/NAME.iso)',
    ]);
  });

  it('payload floppy on RHEL 8: Q35 VMs get no payload, drift not fixable, the finding says what to set', async () => {
    expect(await judge('lab-qemu-rhel8', 'floppy')).toEqual([
      {
        code: 'payload-device',
        severity: 'info',
        message: 'payload floppy: i440fx VMs get a floppy (floppy=<clientPath>/NAME.vfd)',
        actual: 'i440fx=floppy q35=none',
      },
      {
        code: 'payload-device-none',
        message:
          'Q35 VMs get no payload here: QEMU here refuses a floppy controller for Q35 and payload is floppy (no CD property); set payload: auto',
        fixable: false,
      },
    ]);
  });

  it('a CD needed on a host below vdsm 4.40: the finding says the CD needs the bundled hook', async () => {
    const findings = await judge('lab-qemu-rhel8', 'auto', EL7);
    expect(findings.map((f) => f.code)).toEqual(['payload-device', 'payload-device-none']);
    expect(findings[1]!.message).toBe(
      `Q35 VMs get no payload here: QEMU here refuses a floppy controller for Q35, and the CD payload needs the bundled hook (vdsm 4.40+), and this host runs vdsm ${EL7} with vdsm-hook-floppy, which only attaches floppies`,
    );
    const cdrom = await judge('lab-qemu-upstream', 'cdrom', EL7);
    expect(cdrom.map((f) => f.code)).toEqual(['payload-device-none', 'payload-device-none']);
    expect(cdrom[0]!.message).toMatch(/^i440fx VMs get no payload here: payload is cdrom, but the CD payload needs the bundled hook/);
  });

  it('payload cdrom on 4.40+: the CD on both chipsets even where QEMU has a floppy', async () => {
    expect((await judge('lab-qemu-upstream', 'cdrom')).map((f) => f.message)).toEqual([
      'payload cdrom: i440fx and Q35 VMs get a CD-ROM (floppycd=<clientPath>/NAME.iso)',
    ]);
  });

  it('QEMU could not be asked: auto on 4.40+ falls back to the CD (it works on every chipset), otherwise unknown', () => {
    const families = {
      i440fx: { floppy: 'unknown' as const, message: 'x' },
      q35: { floppy: 'ok' as const },
    };
    expect(payloadDevices({ payload: 'auto', vdsmVersion: EL8, families }).i440fx).toEqual({ device: 'cdrom' });
    expect(payloadDevices({ payload: 'auto', vdsmVersion: EL7, families }).i440fx).toEqual({ device: 'unknown' });
    expect(payloadDevices({ payload: 'floppy', vdsmVersion: EL8, families }).i440fx).toEqual({ device: 'unknown' });
  });
});
