// The vdsm stand-in that starts the engine's VMs on a hypervisor (vdsm/start_vm.py; ovirt-facts.md §2.3, §3,
// §4.4, §4.7): the custom properties in the domain metadata become the hooks' env, libvirt's checks of the
// floppy/CD-ROM files, and the kept XML that `virsh -r dumpxml` prints. State goes to a temp dir.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDINS, py, tempDir } from './standins-helpers.js';

let dir: { path: string; remove: () => void };
let env: Record<string, string>;
const p = (...parts: string[]) => join(dir.path, ...parts);
const VM_ID = '0f7c2a9e-1111-4c3b-9d3e-000000000042';

function domain(devices: string, custom = '<ovirt-vm:floppy>/x</ovirt-vm:floppy>', machine = 'pc-i440fx-rhel7.6.0'): string {
  return `<domain xmlns:ovirt-vm="http://ovirt.org/vm/1.0" type="kvm"><name>vm42</name><uuid>${VM_ID}</uuid>` +
    `<metadata><ovirt-vm:vm><ovirt-vm:custom>${custom}<ovirt-vm:sndbuf>0</ovirt-vm:sndbuf></ovirt-vm:custom></ovirt-vm:vm></metadata>` +
    `<os><type arch="x86_64" machine="${machine}">hvm</type></os><devices>${devices}</devices></domain>`;
}

function create(xml: string): { code?: number; message?: string; vmId?: string; status?: string } {
  writeFileSync(p('dom.xml'), xml);
  const r = py('vdsm/start_vm.py', ['create', p('dom.xml')], { env });
  return JSON.parse(r.stdout) as { code?: number; message?: string };
}

beforeEach(() => {
  dir = tempDir('start-vm-');
  chmodSync(dir.path, 0o755);
  mkdirSync(p('hooks/before_vm_start'), { recursive: true });
  // A hook that records its env the way vdsm hands it over (facts §2.3), then changes nothing.
  writeFileSync(p('hooks/before_vm_start/10_env'), `#!/bin/sh\nenv > ${p('hook-env')}\n`, { mode: 0o755 });
  env = {
    LAB_VDSM_DOMAINS: p('domains'), LAB_VDSM_PAYLOAD_DIR: p('payload'), LAB_VDSM_HOOKS_DIR: p('hooks'),
    LAB_VDSM_RUN_HOOKS: join(STANDINS, 'vdsm/run_hooks.py'), LAB_VDSM_RUN_AS: '', LAB_DOMCAPS_NO_FLOPPY: p('no-floppy'),
    LAB_VDSM_HOOK_PYTHONPATH: join(STANDINS, 'vdsm'),
  };
});
afterEach(() => dir.remove());

describe('start_vm.py create', () => {
  it('hands the metadata\'s custom properties and vmId to the hooks; keeps the XML for virsh; destroy removes it', () => {
    expect(create(domain(''))).toEqual({ vmId: VM_ID, status: 'Up' });
    const hookEnv = readFileSync(p('hook-env'), 'utf8').split('\n');
    expect(hookEnv).toEqual(expect.arrayContaining(['floppy=/x', 'sndbuf=0', `vmId=${VM_ID}`]));
    const dumped = py('hypervisor/virsh.py', ['-r', 'dumpxml', 'vm42'], { env });
    expect(dumped.stdout).toContain(`<uuid>${VM_ID}</uuid>`);
    expect(create(domain(''))).toEqual({ code: 4, message: 'Virtual machine already exists' });
    expect(JSON.parse(py('vdsm/start_vm.py', ['list'], { env }).stdout)).toEqual([{ vmId: VM_ID, status: 'Up' }]);
    expect(py('vdsm/start_vm.py', ['destroy', VM_ID], { env }).status).toBe(0);
    expect(py('hypervisor/virsh.py', ['-r', 'dumpxml', VM_ID], { env }).status).toBe(1);
    expect(JSON.parse(py('vdsm/start_vm.py', ['destroy', VM_ID], { env }).stdout)).toEqual({ code: 1, message: 'Virtual machine does not exist' });
  });

  it('a hook\'s failure is vdsm\'s "Hook Error: <stderr>" (code 1500), and nothing runs', () => {
    writeFileSync(p('hooks/before_vm_start/20_fail'), '#!/bin/sh\necho "boom: no" >&2\nexit 2\n', { mode: 0o755 });
    expect(create(domain(''))).toEqual({ code: 1500, message: 'Hook Error: boom: no\n' });
    expect(JSON.parse(py('vdsm/start_vm.py', ['list'], { env }).stdout)).toEqual([]);
  });

  it('libvirt: a missing floppy is "Cannot access storage file"; a missing optional CD-ROM is dropped', () => {
    const cdrom = '<disk type="file" device="cdrom"><source file="/nope.iso" startupPolicy="optional"/><target dev="hdc"/><readonly/></disk>';
    expect(create(domain(cdrom))).toMatchObject({ status: 'Up' });
    expect(readFileSync(p('domains', `${VM_ID}.xml`), 'utf8')).toContain('<source file="" startupPolicy="optional" />');
    py('vdsm/start_vm.py', ['destroy', VM_ID], { env });
    const floppy = '<disk type="file" device="floppy"><source file="/nope.vfd"/><target dev="fda"/></disk>';
    const r = create(domain(floppy));
    expect(r.message).toMatch(/^Cannot access storage file '\/nope\.vfd' \(as uid:\d+, gid:\d+\): No such file or directory$/);
  });

  it('two floppies at fda fail like qemu; a floppy on a machine without floppy support fails too', () => {
    writeFileSync(p('a.vfd'), '', { mode: 0o666 });
    chmodSync(p('a.vfd'), 0o666);
    const f = (file: string) => `<disk type="file" device="floppy"><source file="${file}"/><target dev="fda"/></disk>`;
    expect(create(domain(f(p('a.vfd')) + f(p('a.vfd')))).message).toBe(
      `internal error process exited while connecting to monitor: qemu-kvm: -drive file=${p('a.vfd')},if=none,` +
        "id=drive-fdc0-0-0,format=raw: Duplicate ID 'drive-fdc0-0-0' for drive");
    writeFileSync(p('no-floppy'), 'pc-q35-\n');
    expect(create(domain(f(p('a.vfd')), '', 'pc-q35-rhel8.6.0')).message).toContain(
      'Device isa-fdc is not supported with machine type pc-q35-rhel8.6.0');
    expect(create(domain(f(p('a.vfd')), '', 'pc-i440fx-rhel7.6.0'))).toMatchObject({ status: 'Up' });
    // libvirt's live XML fills in what the hook left out (facts §2.2): bus, driver, alias.
    expect(readFileSync(p('domains', `${VM_ID}.xml`), 'utf8')).toMatch(
      /<disk type="file" device="floppy">\s*<driver name="qemu" type="raw" \/>\s*<source file="[^"]+" \/>\s*<target dev="fda" bus="fdc" \/>\s*<alias name="fdc0-0-0" \/>/);
  });

  it('reports the installed hooks with vdsm\'s checksum (caps[\'hooks\']; no vdsm rpm here: sha256 as vdsm ≥ 4.40)', () => {
    const caps = JSON.parse(py('vdsm/start_vm.py', ['caps'], { env }).stdout) as { hooks: Record<string, Record<string, { checksum: string }>> };
    expect(Object.keys(caps.hooks)).toEqual(['before_vm_start']);
    expect(caps.hooks.before_vm_start!['10_env']!.checksum).toMatch(/^[0-9a-f]{64}$/);
  });
});
