/**
 * Issue #12 end to end on real libvirt 9.0 + QEMU 7.2 in lab groups (QEMU behind the RHEL policy wrapper,
 * test/lab/standins/hypervisor/qemu_policy.sh):
 *  - a vdsm 4.50 hypervisor with RHEL 9's QEMU (no floppy at all): apply --yes exits 0, check exits 0 and says
 *    both chipsets get the CD, smoke exits 0 with the VM stage on a cdrom whose bytes the guest read
 *    (guestSha256 === imageSha256) — for an i440fx VM (IDE) and a Q35 VM (SATA);
 *  - a mixed group (RHEL 8 policy + upstream QEMU): apply converges, check is clean, and the report says per host
 *    which chipset gets which device.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/result/model.js';
import { sshRoot, startGroup, type LabGroup } from '../lab/api.js';
import { runCli, runJson } from '../support/run-cli.js';

const devicesOf = (report: RunReport) =>
  Object.fromEntries(
    report.hosts
      .filter((h) => h.role === 'hypervisor')
      .map((h) => [h.name, h.checks.find((c) => c.id === 'hypervisor-payload-device')?.findings[0]?.actual]),
  );

async function setBios(g: LabGroup, bios: string): Promise<void> {
  const r = await sshRoot(
    g.manager!.address,
    `python3 /usr/share/lab-engine/api_state.py --set /var/lib/lab-engine/api-state.json floppy-smoke 'bios_type="${bios}"'`,
  );
  if (r.code !== 0) throw new Error(r.stderr);
}

describe('RHEL 9 policy hypervisor (no floppy): every VM gets the CD', () => {
  let g: LabGroup;
  beforeAll(async () => {
    g = await startGroup({ manager: true, hypervisors: [{ vdsmVersion: '4.50', qemuPolicy: 'rhel9' }], sftp: true });
  }, 600_000);
  afterAll(async () => {
    await g?.stop();
  });
  const cfg = () => ['-c', g.configPath];

  it('apply --yes exits 0 and check exits 0; the CD serves both chipsets', async () => {
    const applied = await runJson(['apply', '--yes', ...cfg()]);
    expect(applied.code, applied.stderr).toBe(0);
    const { code, report } = await runJson(['check', ...cfg()]);
    expect(code).toBe(0);
    expect(devicesOf(report)).toEqual({ [g.hypervisors[0]!.name]: 'i440fx=cdrom q35=cdrom' });
  }, 300_000);

  for (const [bios, bus, machine] of [
    ['i440fx_sea_bios', 'ide', 'pc-i440fx-7.2'],
    ['q35_sea_bios', 'sata', 'pc-q35-7.2'],
  ] as const) {
    it(`smoke exits 0: a ${bios} VM boots with the ISO on a ${bus} cdrom and the guest reads the image's bytes`, async () => {
      await setBios(g, bios);
      const { code, report } = await runJson(['smoke', ...cfg()]);
      const stages = report.smoke!.stages;
      const vm = stages.find((s) => s.name === 'vm')!;
      expect(vm.status, stages.map((s) => `${s.name}: ${s.status} ${s.message}`).join('\n')).toBe('ok');
      expect(code).toBe(0);
      expect(stages.find((s) => s.name === 'build')!.message).toMatch(
        /^ovirt-floppy-smoke-[0-9a-f]{8}\.iso: ISO 9660 \+ Joliet for floppycd/,
      );
      expect(vm.evidence).toMatchObject({ device: 'cdrom', bus, machine });
      expect(vm.evidence!.guestSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(vm.evidence!.guestSha256).toBe(vm.evidence!.imageSha256);
      expect(vm.message).toMatch(/the guest read sr\d \(sha256 [0-9a-f]{12}…, the image's\) with files SMOKE\.TXT, Unattend\.xml/);
    }, 400_000);
  }
});

describe('mixed group: RHEL 8 policy and upstream QEMU', () => {
  let g: LabGroup;
  beforeAll(async () => {
    g = await startGroup({
      manager: true,
      hypervisors: [
        { vdsmVersion: '4.50', qemuPolicy: 'rhel8' },
        { vdsmVersion: '4.50', qemuPolicy: 'upstream' },
      ],
      sftp: true,
    });
  }, 600_000);
  afterAll(async () => {
    await g?.stop();
  });

  it('apply converges, check is clean, and the report says which chipset gets which device on which host', async () => {
    const applied = await runJson(['apply', '--yes', '-c', g.configPath]);
    expect(applied.code, applied.stderr).toBe(0);
    const { code, report } = await runJson(['check', '-c', g.configPath]);
    expect(code).toBe(0);
    const [rhel8, upstream] = g.hypervisors.map((h) => h.name);
    expect(devicesOf(report)).toEqual({ [rhel8!]: 'i440fx=floppy q35=cdrom', [upstream!]: 'i440fx=floppy q35=floppy' });
    const human = await runCli(['check', '-v', '--no-state', '-c', g.configPath]);
    expect(human.stdout).toContain(
      'payload auto: i440fx VMs get a floppy (floppy=<clientPath>/NAME.vfd), Q35 VMs a CD-ROM (floppycd=<clientPath>/NAME.iso)',
    );
    expect(human.stdout).toContain('payload auto: i440fx and Q35 VMs get a floppy (floppy=<clientPath>/NAME.vfd)');
    console.log(
      human.stdout
        .split('\n')
        .filter((l) => /payload-device|payload auto/.test(l))
        .join('\n'),
    );
  }, 300_000);
});
