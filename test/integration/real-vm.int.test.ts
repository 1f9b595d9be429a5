/**
 * Issue #11 end to end on real libvirt 9.0 + QEMU 7.2 inside a lab group: one hypervisor with vdsm 4.50 whose QEMU
 * has RHEL 8's floppy policy (test/lab/standins/hypervisor/qemu_policy.sh), a manager with the engine API and the
 * sftp host. Boots: one (the i440fx smoke VM); the Q35 and bad-bus starts are refused before any guest runs.
 *  - apply, then smoke --format json exits 0: the guest read the floppy and its sha256 is the image's, and a real
 *    qemu-system-x86_64 process ran on the hypervisor during the VM stage;
 *  - libvirt's domcapabilities lists floppy for Q35 (the EL 8 trap) while `check` reports the Q35 limitation
 *    from QEMU itself;
 *  - with payload: floppy a Q35 smoke VM fails at the VM stage naming the host, the machine type and QEMU's message;
 *  - a hook that writes a bad bus is refused by real libvirt, and the smoke names the hook and libvirt's words;
 *  - SELinux enforcing with virt_use_nfs off (the hypervisor is enforcing, the boolean on after apply): check names
 *    the boolean, the VM start fails with QEMU's "Permission denied" on the NFS image, apply turns it back on.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSmokeCommand } from '../../src/cli/commands/smoke.js';
import { defaultDeps } from '../../src/cli/deps.js';
import type { RunReport } from '../../src/result/model.js';
import { runSmoke } from '../../src/smoke/run-smoke.js';
import { readAccel } from '../lab/accel.js';
import { sshRoot, startGroup, type LabGroup } from '../lab/api.js';
import { runJson } from '../support/run-cli.js';

let g: LabGroup;
let configPath: string;
let hv: { name: string; address: string };
const HOOK = '/usr/libexec/vdsm/hooks/before_vm_start/50_floppy';

/** The smoke with its preflight off, so the VM stage meets a fault the preflight's checks would stop at first. */
async function smokeWithoutPreflight(config = configPath): Promise<RunReport> {
  let report: RunReport | undefined;
  const sink = { write: () => true };
  await runSmokeCommand(
    { configPath: config, keep: false, format: 'json', acceptNewHostKeys: false, color: false },
    { ...defaultDeps(), stdout: sink, stderr: sink },
    {
      runSmoke: async (options, deps) => (report = await runSmoke({ ...options, preflight: false }, deps)),
    },
  );
  return report!;
}

async function sh(address: string, command: string): Promise<string> {
  const r = await sshRoot(address, command);
  if (r.code !== 0) throw new Error(`${command} on ${address}: exit ${r.code}\n${r.stderr}`);
  return r.stdout;
}

/** The smoke VM's chipset, set in the engine's inventory as an admin would (api_state.py --set). */
async function setBios(bios: string): Promise<void> {
  await sh(
    g.manager!.address,
    `python3 /usr/share/lab-engine/api_state.py --set /var/lib/lab-engine/api-state.json floppy-smoke 'bios_type="${bios}"'`,
  );
}

function vmStage(report: RunReport) {
  return report.smoke!.stages.find((s) => s.name === 'vm')!;
}

beforeAll(async () => {
  g = await startGroup({ manager: true, hypervisors: [{ vdsmVersion: '4.50', qemuPolicy: 'rhel8', selinux: 'enforcing' }], sftp: true });
  hv = g.hypervisors[0]!;
  const config = parse(await fs.readFile(g.configPath, 'utf8')) as Record<string, unknown>;
  if (!config.engineApi) {
    const mgr = g.manager!;
    await sshRoot(mgr.address, 'cat > /etc/lab-engine/hosts.json', {
      input: `${JSON.stringify({ hosts: [{ name: hv.name, address: hv.address }] })}\n`,
    });
    const caFile = path.join(g.dir, 'engine-ca.pem');
    const passwordFile = path.join(g.dir, 'engine-password');
    await fs.copyFile(path.join(mgr.root, 'etc/pki/ovirt-engine/ca.pem'), caFile);
    await fs.copyFile(path.join(mgr.root, 'etc/lab-engine/admin-password'), passwordFile);
    config.engineApi = { url: `https://${mgr.address}/ovirt-engine/api`, user: 'admin@internal', passwordFile, caFile };
  }
  config.smoke = { ...(config.smoke as object | undefined), vm: 'floppy-smoke', vmTimeout: 240 };
  configPath = path.join(g.dir, 'real-vm.yaml');
  await fs.writeFile(configPath, stringify(config));
  const applied = await runJson(['apply', '--yes', '-c', configPath]);
  expect(applied.code, applied.stderr).toBe(0);
}, 600_000);

afterAll(async () => {
  await g?.stop();
});

describe('real libvirt and QEMU on a RHEL 8 policy hypervisor', () => {
  it('an i440fx VM boots the lab guest, which reads the very image the smoke uploaded; qemu-system-x86_64 ran', async () => {
    await setBios('i440fx_sea_bios');
    const seen = new Set<string>();
    const accels = new Set<string>();
    let watching = true;
    const watch = (async () => {
      while (watching) {
        const r = await sshRoot(hv.address, 'ps -eo comm=,args= | grep "^qemu-system-x86" | grep -v -- "-machine none" || true');
        for (const l of r.stdout.split('\n').filter(Boolean)) {
          seen.add(l.split(' ')[0]!);
          // Only the VM's QEMU (libvirt names it `-name guest=…`), not the check's own QEMU probe (-accel kvm -accel tcg).
          const accel = / -name guest=/.test(l) ? / -accel (\w+)/.exec(l)?.[1] : undefined;
          if (accel) accels.add(accel);
        }
        await new Promise((res) => setTimeout(res, 500));
      }
    })();
    let code: number | null;
    let report: RunReport;
    try {
      ({ code, report } = await runJson(['smoke', '-c', configPath]));
    } finally {
      watching = false;
      await watch;
    }
    const vm = vmStage(report);
    expect(vm.status, vm.message).toBe('ok');
    expect(code).toBe(0);
    expect(vm.evidence).toMatchObject({ host: hv.name, machine: 'pc-i440fx-7.2', device: 'floppy', bus: 'fdc', target: 'fda' });
    expect(vm.evidence!.guestSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(vm.evidence!.guestSha256).toBe(vm.evidence!.imageSha256);
    expect(vm.message).toMatch(/the guest read fd0 \(sha256 [0-9a-f]{12}…, the image's\) with files /);
    // QEMU's comm is its file name, cut at 15 characters by the kernel.
    expect([...seen]).toContain('qemu-system-x86');
    // KVM only where the lab's probe saw it boot the guest (test/lab/accel.ts), else TCG: libvirt's own -accel.
    expect([...accels]).toEqual([(await readAccel()).accel]);
    // The VM was stopped: no domain left running.
    expect(await sh(hv.address, 'virsh list --uuid')).toBe('\n');
  }, 400_000);

  it('libvirt lists floppy for Q35 (and refuses read-only callers), while check reports the Q35 limitation from QEMU', async () => {
    const caps = await sh(hv.address, 'virsh domcapabilities --machine q35');
    expect(caps).toMatch(/<machine>pc-q35-7\.2<\/machine>/);
    expect(caps).toMatch(/<value>floppy<\/value>/);
    const ro = await sshRoot(hv.address, 'virsh -r domcapabilities --machine q35');
    expect(ro.code).toBe(1);
    expect(ro.stderr).toContain('read only access prevents virConnectGetDomainCapabilities');
    const { report } = await runJson(['check', '-c', configPath]);
    const host = report.hosts.find((h) => h.name === hv.name)!;
    const check = host.checks.find((c) => c.id === 'hypervisor-floppy-capable')!;
    expect(check.status).toBe('ok');
    expect(check.findings).toEqual([
      expect.objectContaining({
        code: 'floppy-chipset-only',
        message: expect.stringContaining('floppy works for i440fx VMs only; Q35 VMs need another payload (a CD-ROM payload)'),
      }),
    ]);
    expect(check.findings[0]!.message).toContain('Device isa-fdc is not supported with machine type pc-q35-7.2');
  }, 120_000);

  it("with payload: floppy a Q35 VM fails at the VM stage naming the host, the machine type and QEMU's message", async () => {
    // payload auto (the lab's) gives a Q35 VM the CD here (cd-payload.int.test.ts); the floppy-only choice shows
    // why: QEMU itself refuses. The preflight would stop first (hypervisor-payload-device), so it is off.
    const floppyOnly = path.join(g.dir, 'real-vm-floppy-only.yaml');
    await fs.writeFile(floppyOnly, stringify({ ...(parse(await fs.readFile(configPath, 'utf8')) as object), payload: 'floppy' }));
    await setBios('q35_sea_bios');
    try {
      const vm = vmStage(await smokeWithoutPreflight(floppyOnly));
      expect(vm.status).toBe('failed');
      expect(vm.message).toContain(`on host ${hv.name}`);
      console.log(`Q35: ${vm.message}`);
      expect(vm.message).toContain('Device isa-fdc is not supported with machine type pc-q35-7.2');
      expect(vm.message).toContain(HOOK);
    } finally {
      await setBios('i440fx_sea_bios');
    }
  }, 300_000);

  it("a hook writing a bad bus is refused by real libvirt; the smoke names the hook and libvirt's message", async () => {
    await sh(
      hv.address,
      `cp -p ${HOOK} /root/50_floppy.saved && sed -i "s/'fdc'/'xyzbus'/; s/\\"fdc\\"/\\"xyzbus\\"/" ${HOOK} && grep -q xyzbus ${HOOK}`,
    );
    try {
      // The preflight would stop at the changed hook file (hypervisor-hook-files); the VM stage must catch it alone.
      const vm = vmStage(await smokeWithoutPreflight());
      expect(vm.status).toBe('failed');
      expect(vm.message).toContain(HOOK);
      console.log(`bad bus: ${vm.message}`);
      expect(vm.message).toMatch(/xyzbus/);
      expect(vm.message).toContain(`on host ${hv.name}`);
    } finally {
      await sh(hv.address, `cp -p /root/50_floppy.saved ${HOOK}`);
    }
  }, 300_000);

  it('SELinux enforcing, virt_use_nfs off: check names the boolean, the VM start fails with QEMU\'s "Permission denied", apply fixes it', async () => {
    await sh(hv.address, 'setsebool virt_use_nfs off');
    try {
      const { code, report } = await runJson(['check', '-c', configPath]);
      expect(code).toBe(1);
      const selinux = report.hosts.find((h) => h.name === hv.name)!.checks.find((c) => c.id === 'hypervisor-selinux')!;
      expect(selinux.findings.map((f) => f.code)).toEqual(['virt-use-nfs-off']);

      const vm = vmStage(await smokeWithoutPreflight());
      console.log(`SELinux: ${vm.message}`);
      expect(vm.status).toBe('failed');
      expect(vm.message).toContain(`on host ${hv.name}`);
      expect(vm.message).toMatch(/Could not open '\/rhev\/data-center\/mnt\/[^']+\.vfd': Permission denied/);
      expect(vm.message).toContain('on an SELinux-enforcing host turn on virt_use_nfs (check hypervisor-selinux;');

      const applied = await runJson(['apply', '--yes', '-c', configPath]);
      expect(applied.code, applied.stderr).toBe(0);
      expect(await sh(hv.address, 'getsebool virt_use_nfs')).toBe('virt_use_nfs --> on\n');
    } finally {
      await sshRoot(hv.address, 'setsebool -P virt_use_nfs on');
    }
  }, 300_000);
});
