/**
 * Issue #6 end to end on real lab hosts: one hypervisor with vdsm 4.30 (oVirt 4.3: vdsm-hook-floppy exists) and
 * one with vdsm 4.50 (oVirt 4.5: the vdsm RPM obsoletes the hook package, facts §0.1), plus manager and sftp so
 * the whole environment can converge. `apply` installs the package on the first and the bundled hook on the
 * second; the installed hook then runs as vdsm runs it (the lab's run_hooks.py, vdsm's _runHooksDir, facts §2.3);
 * a hand edit is drift and apply restores it; a QEMU without floppy support gets the verdict.
 *
 * Lab limits (test/lab/standins/README.md): SELinux is a state file (restorecon is recorded, labels are not
 * modelled); libvirt and QEMU are real, and QEMU's RHEL floppy policy is /etc/lab-qemu/policy
 * (test/lab/standins/hypervisor/qemu_policy.sh).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, RunReport } from '../../src/result/model.js';
import { sshRoot, startGroup, type LabGroup } from '../lab/api.js';
import { runJson } from '../support/run-cli.js';

const START = '/usr/libexec/vdsm/hooks/before_vm_start/50_floppy';
const MIGRATE = '/usr/libexec/vdsm/hooks/before_vm_migrate_source/50_floppy';
const QEMU_POLICY = '/etc/lab-qemu/policy';

let group: LabGroup;
let hv430: { name: string; address: string };
let hv450: { name: string; address: string };
let clientPath: string;

const cfg = () => ['-c', group.configPath];
const checkOf = (report: RunReport, host: string, id: string): CheckResult | undefined =>
  report.hosts.find((h) => h.name === host)?.checks.find((c) => c.id === id);
const notOk = (report: RunReport) =>
  report.hosts.flatMap((h) =>
    h.checks.filter((c) => c.status !== 'ok' && c.status !== 'skipped' && c.status !== 'fixed').map((c) => `${h.name}:${c.id}:${c.status}`),
  );

async function sh(address: string, command: string, input?: string): Promise<string> {
  const r = await sshRoot(address, command, { input });
  if (r.code !== 0) throw new Error(`${command} on ${address}: exit ${r.code}\n${r.stderr}`);
  return r.stdout;
}

/**
 * Another QEMU build on hv450, as a package update brings it: the lab's policy changes AND the binary is a new
 * file (touched: a new mtime and ctime), which is what the floppy probe's memo keys on (lib/qemu-floppy.ts).
 */
async function installQemuBuild(policy: 'upstream' | 'rhel8' | 'rhel9'): Promise<void> {
  await sh(hv450.address, `echo ${policy} > ${QEMU_POLICY} && touch "$(readlink -f /usr/libexec/qemu-kvm)"`);
}

beforeAll(async () => {
  group = await startGroup({
    manager: true,
    hypervisors: [{ vdsmVersion: '4.30' }, { vdsmVersion: '4.50', selinux: 'enforcing' }],
    sftp: true,
  });
  [hv430, hv450] = group.hypervisors as [LabGroup['hypervisors'][number], LabGroup['hypervisors'][number]];
  clientPath = `/rhev/data-center/mnt/${group.nfsAddress}:_exports_iso/floppy`;
});
afterAll(async () => {
  await group?.stop();
});

describe('vdsm 4.30 and 4.50 side by side', () => {
  it('check before apply: the package is missing on 4.30, the bundled hook on 4.50, each skipped on the other', async () => {
    const { code, report } = await runJson(['check', ...cfg()]);
    expect(code).toBe(1);
    expect(checkOf(report, hv430.name, 'hypervisor-hook-package')?.status).toBe('drift');
    expect(checkOf(report, hv430.name, 'hypervisor-bundled-hook')).toMatchObject({
      status: 'skipped',
      reason: 'vdsm 4.30.46-1.el7: below 4.40 the floppy hook comes from the vdsm-hook-floppy package (hypervisor-hook-package)',
    });
    expect(checkOf(report, hv450.name, 'hypervisor-hook-package')).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('vdsm 4.40+ has no vdsm-hook-floppy'),
    });
    const bundled = checkOf(report, hv450.name, 'hypervisor-bundled-hook');
    expect(bundled?.status).toBe('drift');
    expect(bundled?.findings.map((f) => f.code)).toEqual(['bundled-hook-missing', 'bundled-hook-missing']);
    for (const hv of [hv430, hv450]) {
      expect(checkOf(report, hv.name, 'hypervisor-floppy-capable')).toMatchObject({
        status: 'ok',
        findings: [{ code: 'floppy-supported' }],
      });
    }
  });

  it('apply --yes converges: vdsm-hook-floppy on 4.30, the bundled hook on 4.50 (root:root 0755, restorecon under SELinux)', async () => {
    const { code, report, stderr } = await runJson(['apply', ...cfg(), '--yes']);
    expect(code, `${stderr}\n${JSON.stringify(notOk(report))}`).toBe(0);
    expect(checkOf(report, hv430.name, 'hypervisor-hook-package')?.status).toBe('fixed');
    const bundled = checkOf(report, hv450.name, 'hypervisor-bundled-hook');
    expect(bundled?.status).toBe('fixed');
    expect(bundled?.changes.map((c) => [c.describe, c.status])).toEqual([
      [`install the bundled floppy hook as ${START} (0755 root:root, floppy directory ${clientPath})`, 'applied'],
      [`install the bundled floppy hook as ${MIGRATE} (0755 root:root, floppy directory ${clientPath})`, 'applied'],
      [`restore the SELinux labels of ${START} and ${MIGRATE}`, 'applied'],
    ]);
    expect(await sh(hv430.address, 'rpm -q vdsm-hook-floppy')).toBe('vdsm-hook-floppy-4.30.46-1.el7.noarch\n');
    expect(await sh(hv450.address, `stat -c '%a %U:%G %n' ${START} ${MIGRATE}; grep '^FLOPPY_DIR = ' ${START}`)).toBe(
      `755 root:root ${START}\n755 root:root ${MIGRATE}\n` +
        `FLOPPY_DIR = '${clientPath}'  # ovirt-floppy: floppy.clientPath, rendered by ovirt-floppy apply\n`,
    );
    const restorecon = JSON.parse(await sh(hv450.address, 'cat /var/lib/lab-selinux/state.json')).restorecon as { path: string }[];
    expect(restorecon.map((r) => r.path).filter((p) => p.startsWith('/usr/libexec/vdsm/hooks/'))).toEqual([START, MIGRATE]);
  });

  it('check exits 0 afterwards', async () => {
    const { code, report } = await runJson(['check', ...cfg()]);
    expect(code, JSON.stringify(notOk(report))).toBe(0);
    expect(checkOf(report, hv450.name, 'hypervisor-bundled-hook')).toMatchObject({ status: 'ok', findings: [] });
  });

  it('the installed hook works as vdsm runs it: attaches an image, refuses a missing one and a migration', async () => {
    await sh(hv450.address, `install -m 0644 /dev/null ${clientPath}/unattend-it.vfd`);
    await sh(
      hv450.address,
      'cat > /tmp/it-domain.xml',
      '<domain type="kvm"><name>it</name><devices><disk device="cdrom" type="file"><target bus="sata" dev="sdc"/></disk></devices></domain>\n',
    );
    const run = (event: string, floppy: string) =>
      sshRoot(
        hv450.address,
        `python3 /usr/share/lab-vdsm/run_hooks.py ${event} /tmp/it-domain.xml --vm-id 6f1d5a62-3c1e-4b8e-9a57-0e2f4c9d7b21 --custom floppy=${floppy} 2>&1 >/tmp/it-out.xml; echo "rc=$?"; cat /tmp/it-out.xml`,
      );
    const ok = await run('before_vm_start', `${clientPath}/unattend-it.vfd`);
    expect(ok.stdout).toContain('rc=0\n');
    expect(ok.stdout).toContain(
      `<disk device="floppy" type="file"><driver name="qemu" type="raw"/><source file="${clientPath}/unattend-it.vfd"><seclabel model="dac" relabel="no"/></source><target bus="fdc" dev="fda"/></disk></devices>`,
    );
    const missing = await run('before_vm_start', `${clientPath}/missing.vfd`);
    expect(missing.stdout).toContain(`Hook Error: floppy: file not exists or not enough permissions: ${clientPath}/missing.vfd\nrc=1\n`);
    const outside = await run('before_vm_start', '/etc/hostname');
    expect(outside.stdout).toContain(
      `Hook Error: floppy: refusing /etc/hostname: not a file directly inside the floppy directory ${clientPath}\nrc=1\n`,
    );
    const migrate = await run('before_vm_migrate_source', `${clientPath}/unattend-it.vfd`);
    expect(migrate.stdout).toContain('Hook Error: floppy before_vm_migrate_source: cannot migrate VM with floppy hook\nrc=1\n');
    await sh(hv450.address, `rm -f ${clientPath}/unattend-it.vfd /tmp/it-domain.xml /tmp/it-out.xml`);
  });
});

describe('a hand-edited bundled hook', () => {
  it('is drift, shown with its diff, and apply restores it keeping a backup that vdsm will not run', async () => {
    const original = await sh(hv450.address, `cat ${START}`);
    await sh(hv450.address, `sed -i 's/^SAFE_NAME = .*/SAFE_NAME = re.compile(r".*")/' ${START}`);

    const check = await runJson(['check', ...cfg()]);
    expect(check.code).toBe(1);
    const drift = checkOf(check.report, hv450.name, 'hypervisor-bundled-hook');
    expect(drift?.status).toBe('drift');
    expect(drift?.findings.map((f) => f.code)).toEqual(['bundled-hook-modified']);
    expect(drift?.changes[0]?.diff).toContain('-SAFE_NAME = re.compile(r".*")');
    expect(drift?.changes[0]?.diff).toContain("+SAFE_NAME = re.compile(r'[A-Za-z0-9][A-Za-z0-9._-]{0,254}\\Z')");

    const apply = await runJson(['apply', ...cfg(), '--yes']);
    expect(apply.code, JSON.stringify(notOk(apply.report))).toBe(0);
    expect(checkOf(apply.report, hv450.name, 'hypervisor-bundled-hook')?.status).toBe('fixed');
    expect(await sh(hv450.address, `cat ${START}`)).toBe(original);
    const backups = (await sh(hv450.address, `stat -c '%a %n' ${START}.ovirt-floppy-*.bak`)).trim().split('\n');
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(new RegExp(`^600 ${START}\\.ovirt-floppy-\\d{8}T\\d{6}Z\\.bak$`));
    expect(await sh(hv450.address, `grep -c 'r".\\*"' ${START}.ovirt-floppy-*.bak`)).toBe('1\n');

    const again = await runJson(['check', ...cfg()]);
    expect(again.code, JSON.stringify(notOk(again.report))).toBe(0);
  });
});

describe('QEMU without floppy support', () => {
  afterAll(async () => {
    await installQemuBuild('upstream');
  });

  it('none at all: with payload auto every VM gets the CD (info, exit 0); with payload: floppy "floppy payloads cannot work here", exit 1, not fixable', async () => {
    await installQemuBuild('rhel9');
    const auto = await runJson(['check', ...cfg()]);
    expect(auto.code, notOk(auto.report).join(', ')).toBe(0);
    expect(checkOf(auto.report, hv450.name, 'hypervisor-floppy-capable')?.findings.map((f) => f.code)).toEqual([
      'qemu-no-floppy-cd-payload',
    ]);
    expect(checkOf(auto.report, hv450.name, 'hypervisor-payload-device')?.findings[0]?.actual).toBe('i440fx=cdrom q35=cdrom');

    const floppyOnly = `${group.dir}/floppy-only.yaml`;
    await writeFile(floppyOnly, stringify({ ...(parse(await readFile(group.configPath, 'utf8')) as object), payload: 'floppy' }));
    const { code, report } = await runJson(['check', '-c', floppyOnly]);
    expect(code).toBe(1);
    const verdict = checkOf(report, hv450.name, 'hypervisor-floppy-capable');
    expect(verdict?.status).toBe('drift');
    expect(verdict?.findings).toEqual([
      expect.objectContaining({
        code: 'qemu-no-floppy',
        message: expect.stringContaining(
          "floppy payloads cannot work here: floppy works for no VM here; i440fx and Q35 VMs need another payload (a CD-ROM payload); QEMU (/usr/libexec/qemu-kvm) refuses a floppy controller: i440fx (-machine pc): 'isa-fdc' is not a valid device model name",
        ),
      }),
    ]);
    expect(verdict?.changes).toEqual([]);
    expect(checkOf(report, hv450.name, 'hypervisor-payload-device')?.findings.map((f) => f.code)).toEqual([
      'payload-device-none',
      'payload-device-none',
    ]);
    expect(checkOf(report, hv430.name, 'hypervisor-floppy-capable')?.status).toBe('ok');
  });

  it('none for Q35 only: ok, with an info finding naming i440fx as the chipset that works', async () => {
    await installQemuBuild('rhel8');
    const { code, report } = await runJson(['check', ...cfg()]);
    expect(code).toBe(0);
    expect(checkOf(report, hv450.name, 'hypervisor-floppy-capable')).toMatchObject({
      status: 'ok',
      findings: [
        { code: 'floppy-chipset-only', message: expect.stringContaining('floppy works for i440fx VMs only; Q35 VMs need another payload') },
      ],
    });
  });

  it('QEMU is asked again only when its binary changed: the memo of the last run answers while it is the same file', async () => {
    await installQemuBuild('upstream');
    const asked = await runJson(['check', ...cfg()]);
    const floppy = (r: typeof asked): { status?: string; codes?: string[]; kept?: number } => {
      const c = checkOf(r.report, hv450.name, 'hypervisor-floppy-capable');
      return { status: c?.status, codes: c?.findings.map((f) => f.code), kept: c?.measurements?.['qemu-answer-kept'] };
    };
    expect(floppy(asked)).toMatchObject({ status: 'ok', codes: ['floppy-supported'] });
    expect(floppy(asked).kept).toBe(0);
    // The policy alone changes behind the same binary: QEMU is not started again, so the kept answer stands.
    await sh(hv450.address, `echo rhel9 > ${QEMU_POLICY}`);
    const kept = await runJson(['check', ...cfg()]);
    expect(floppy(kept)).toMatchObject({ status: 'ok', codes: ['floppy-supported'] });
    expect(floppy(kept).kept).toBe(1);
    // --no-state keeps nothing between runs: QEMU is asked, and says what this build says.
    const stateless = await runJson(['check', ...cfg(), '--no-state']);
    expect(floppy(stateless).codes).toEqual(['qemu-no-floppy-cd-payload']);
    // A new binary (an update): asked again.
    await installQemuBuild('rhel9');
    const updated = await runJson(['check', ...cfg()]);
    expect(floppy(updated).codes).toEqual(['qemu-no-floppy-cd-payload']);
    expect(floppy(updated).kept).toBe(0);
  });
});
