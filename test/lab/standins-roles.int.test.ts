/**
 * The stand-ins inside real lab hosts (issue #3 item 3; DESIGN §5): what install-role.sh put on each role, as a
 * tool sees it over ssh. Runs on a disposable group (own 127.0.3.x addresses), because it restarts the engine,
 * installs packages and reloads sshd.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAccel } from './accel.js';
import { sshRoot, startGroup, type LabGroup } from './api.js';

let g: LabGroup;
let mgr: string;
let hv430: string;
let hv450: string;
let sftp: string;
const sh = async (address: string, command: string) => sshRoot(address, command);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  g = await startGroup({
    manager: true,
    hypervisors: [{ vdsmVersion: '4.30', selinux: 'enforcing', virtUseNfs: false }, { vdsmVersion: '4.50' }],
    sftp: true,
  });
  mgr = g.manager!.address;
  [hv430, hv450] = g.hypervisors.map((h) => h.address) as [string, string];
  sftp = g.sftp!.address;
}, 300_000);
afterAll(async () => {
  await g?.stop();
});

describe('every host', () => {
  it('finds the stand-ins where EL has them, in a non-login ssh session', async () => {
    for (const address of [mgr, hv430, hv450, sftp]) {
      const r = await sh(
        address,
        'for c in systemctl service getenforce getsebool setsebool restorecon selinuxenabled; do command -v $c; done',
      );
      expect(r.stdout.split('\n').filter(Boolean)).toEqual([
        '/usr/bin/systemctl',
        '/usr/sbin/service',
        '/usr/sbin/getenforce',
        '/usr/sbin/getsebool',
        '/usr/sbin/setsebool',
        '/usr/sbin/restorecon',
        '/usr/sbin/selinuxenabled',
      ]);
    }
  });

  it('systemctl reload sshd re-reads the config and the host stays up (SIGHUP to PID 1)', async () => {
    const r = await sh(hv450, 'systemctl reload sshd && echo ok');
    expect(r.stdout.trim()).toBe('ok');
    await sleep(300);
    expect((await sh(hv450, 'cat /proc/1/comm')).stdout.trim()).toBe('sshd');
  });
});

describe('manager', () => {
  it('is an ovirt-engine 4.5.6 host with engine-config and a healthy engine', async () => {
    expect((await sh(mgr, 'rpm -q ovirt-engine')).stdout.trim()).toBe('ovirt-engine-4.5.6-1.el8.noarch');
    expect((await sh(mgr, 'command -v engine-config')).stdout.trim()).toBe('/usr/bin/engine-config');
    const lines = (await sh(mgr, 'engine-config -g UserDefinedVMProperties')).stdout.trim().split('\n');
    expect(lines).toContain('UserDefinedVMProperties:  version: 4.7');
    expect(lines).toHaveLength(6);
    const health = await sh(mgr, `curl -s -w ' %{http_code}' http://${mgr}/ovirt-engine/services/health`);
    expect(health.stdout).toBe('DB Up!Welcome to Health Status! 200');
  });

  it('keeps the running value until systemctl restart ovirt-engine, then is briefly unhealthy', async () => {
    const running = `python3 -c 'import json;print([r["option_value"] for r in json.load(open("/run/lab-engine/running-options.json"))["rows"] if r["option_name"]=="UserDefinedVMProperties" and r["version"]=="4.7"][0])'`;
    expect((await sh(mgr, "engine-config -s 'UserDefinedVMProperties=floppy=^.*$' --cver=4.7")).code).toBe(0);
    expect((await sh(mgr, running)).stdout).toBe('\n');
    const r = await sh(
      mgr,
      `systemctl restart ovirt-engine && curl -s -o /dev/null -w '%{http_code}' http://${mgr}/ovirt-engine/services/health`,
    );
    expect(r.stdout).toBe('503');
    expect((await sh(mgr, running)).stdout).toBe('floppy=^.*$\n');
    await sleep(1200);
    expect((await sh(mgr, `curl -s -o /dev/null -w '%{http_code}' http://${mgr}/ovirt-engine/services/health`)).stdout).toBe('200');
  });

  it('engine-config -s without --cver hangs on a closed stdin (the caller needs a timeout)', async () => {
    const r = await sh(mgr, "timeout 2 engine-config -s 'UserDefinedVMProperties=a=1' </dev/null | head -c 200");
    expect(r.stdout.startsWith('Please select a version:\n1. ')).toBe(true);
  });
});

describe('hypervisor with vdsm 4.30 (oVirt 4.3)', () => {
  it('is EL-like with the oVirt users, vdsm 4.30 and the SELinux state of hv2', async () => {
    expect((await sh(hv430, 'cat /etc/redhat-release')).stdout).toMatch(/^Red Hat Enterprise Linux release 8/);
    expect((await sh(hv430, 'rpm -q vdsm')).stdout.trim()).toBe('vdsm-4.30.46-1.el7.noarch');
    expect((await sh(hv430, 'id vdsm; id qemu')).stdout).toBe(
      'uid=36(vdsm) gid=36(kvm) groups=36(kvm),107(qemu)\nuid=107(qemu) gid=107(qemu) groups=107(qemu),24(cdrom),36(kvm)\n',
    );
    expect((await sh(hv430, 'getenforce; getsebool virt_use_nfs')).stdout).toBe('Enforcing\nvirt_use_nfs --> off\n');
  });

  it('answers getenforce/getsebool from the /bin/sh fast path, byte for byte what the Python says, and follows setsebool', async () => {
    expect((await sh(hv430, 'cd /usr/sbin && readlink getenforce selinuxenabled getsebool setsebool setenforce restorecon')).stdout).toBe(
      'lab-selinux-fast\nlab-selinux-fast\nlab-selinux-fast\nlab-selinux\nlab-selinux\nlab-selinux\n',
    );
    expect((await sh(hv430, 'cat /var/lib/lab-selinux/state.mode /var/lib/lab-selinux/state.booleans/virt_use_nfs')).stdout).toBe(
      'enforcing\noff\n',
    );
    const both = (cmd: string) =>
      `${cmd} >/tmp/f.out 2>/tmp/f.err; echo "rc=$?"; lab-selinux ${cmd} >/tmp/p.out 2>/tmp/p.err; echo "rc=$?"; ` +
      'cmp /tmp/f.out /tmp/p.out && cmp /tmp/f.err /tmp/p.err && cat /tmp/f.out /tmp/f.err';
    expect((await sh(hv430, both('getenforce'))).stdout).toBe('rc=0\nrc=0\nEnforcing\n');
    expect((await sh(hv430, both('getsebool virt_use_nfs'))).stdout).toBe('rc=0\nrc=0\nvirt_use_nfs --> off\n');
    expect((await sh(hv430, both('getsebool nope'))).stdout).toBe('rc=255\nrc=255\nError getting active value for nope\n');
    // The fast path runs no program: it answers with PATH pointing nowhere and the hand-over target missing.
    const bare = 'env -i PATH=/nonexistent LAB_SELINUX_PY=/nonexistent';
    expect((await sh(hv430, `${bare} /usr/sbin/getsebool virt_use_nfs; ${bare} /usr/sbin/selinuxenabled; echo rc=$?`)).stdout).toBe(
      'virt_use_nfs --> off\nrc=0\n',
    );
    expect(
      (await sh(hv430, 'setsebool virt_use_nfs on && getsebool virt_use_nfs && setsebool virt_use_nfs off && getsebool virt_use_nfs'))
        .stdout,
    ).toBe('virt_use_nfs --> on\nvirt_use_nfs --> off\n');
  });

  it('has the ISO export "NFS"-mounted at vdsm\'s path from its fstab line', async () => {
    const mnt = `/rhev/data-center/mnt/${g.nfsAddress}:_exports_iso`;
    expect((await sh(hv430, 'cat /etc/fstab')).stdout).toContain(`${g.nfsAddress}:/exports/iso ${mnt} nfs defaults 0 0`);
    expect((await sh(hv430, `findmnt -no TARGET ${mnt}`)).stdout.trim()).toBe(mnt);
  });

  it('dnf installs vdsm-hook-floppy, and the hook attaches an image from the export as vdsm runs it', async () => {
    expect((await sh(hv430, 'rpm -q vdsm-hook-floppy')).code).not.toBe(0);
    expect((await sh(hv430, 'dnf -q install -y vdsm-hook-floppy')).code).toBe(0);
    expect((await sh(hv430, 'stat -c %a /usr/libexec/vdsm/hooks/before_vm_start/50_floppy')).stdout.trim()).toBe('755');
    const mnt = `/rhev/data-center/mnt/${g.nfsAddress}:_exports_iso`;
    await sh(hv430, `mkdir -p ${mnt}/floppy && truncate -s 1440k ${mnt}/floppy/t.vfd && chmod 0644 ${mnt}/floppy/t.vfd`);
    await sh(hv430, 'echo "<domain><name>t</name><devices/></domain>" > /tmp/d.xml');
    const ok = await sh(
      hv430,
      `python3 /usr/share/lab-vdsm/run_hooks.py before_vm_start /tmp/d.xml --custom floppy=${mnt}/floppy/t.vfd 2>/dev/null`,
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`<disk type="file" device="floppy"><source file="${mnt}/floppy/t.vfd"/><target dev="fda"/></disk>`);
    const missing = await sh(hv430, 'python3 /usr/share/lab-vdsm/run_hooks.py before_vm_start /tmp/d.xml --custom floppy=/nope.vfd');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Hook Error: floppy: file not exists or not enough permissions: /nope.vfd');
  });
});

describe('hypervisor with vdsm 4.50 (oVirt 4.5)', () => {
  it('has no vdsm-hook-floppy in its repository', async () => {
    const r = await sh(hv450, 'dnf install -y vdsm-hook-floppy');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Unable to find a match: vdsm-hook-floppy');
  });

  it('refuses a copied 4.3 hook package: the installed vdsm obsoletes it (facts §0.1)', async () => {
    const r = await sh(hv450, 'dnf install -y /.lab/repo/el7/vdsm-hook-floppy-4.30.46-1.el7.noarch.rpm');
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('installed package vdsm-4.50.5-1.el8.noarch obsoletes vdsm-hook-floppy < 4.50.5-1.el8');
  });

  it('runs real libvirt on first use: read-write domcapabilities lists floppy, read-only is refused, dumpxml of nothing fails', async () => {
    expect((await sh(hv450, "virsh domcapabilities --machine q35 | grep -c '<value>floppy</value>'")).stdout.trim()).toBe('1');
    // libvirt >= 5.5 (CVE-2019-10167): domcapabilities needs a read-write connection.
    expect((await sh(hv450, 'virsh -r domcapabilities')).stderr).toContain('read only access prevents virConnectGetDomainCapabilities');
    const unknown = await sh(hv450, 'virsh -r dumpxml nosuch');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("failed to get domain 'nosuch'");
    expect((await sh(hv450, 'lab-libvirt status; echo rc=$?')).stdout).toBe('rc=0\n');
  });

  it("runs VMs the way the lab's KVM probe decided: /etc/lab-qemu/accel, and /dev/kvm only for kvm", async () => {
    const { accel } = await readAccel();
    expect((await sh(hv450, 'cat /etc/lab-qemu/accel')).stdout).toBe(`${accel}\n`);
    expect((await sh(hv450, 'stat -c %F:%t:%T:%G:%a /dev/kvm')).stdout).toBe(
      accel === 'kvm' ? 'character special file:a:e8:kvm:660\n' : '',
    );
  });
});

describe('sftp host', () => {
  it('has SELinux disabled and a silent restorecon', async () => {
    expect((await sh(sftp, 'getenforce; restorecon -Rv /exports; echo rc=$?')).stdout).toBe('Disabled\nrc=0\n');
  });
});
