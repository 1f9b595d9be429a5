// The vdsm stand-in that starts the engine's VMs on a hypervisor (vdsm/start_vm.py; ovirt-facts.md §2.3, §3,
// §4.4, §4.7): the custom properties in the domain metadata become the hooks' env, a hook failure is vdsm's Hook
// Error in the installed version's wording, and the domain handed to libvirt is the hooked one with only the
// lab's replacements (guest kernel, no system disk, TCG). libvirt itself is real in the lab (integration tests);
// here a recorder stands in for virsh (fake-virsh.sh). State goes to a temp dir.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { STANDINS, py, tempDir } from './standins-helpers.js';

const FAKE_VIRSH = fileURLToPath(new URL('./fake-virsh.sh', import.meta.url));

let dir: { path: string; remove: () => void };
let env: Record<string, string>;
const p = (...parts: string[]) => join(dir.path, ...parts);
const VM_ID = '0f7c2a9e-1111-4c3b-9d3e-000000000042';

function domain(devices: string, custom = '<ovirt-vm:floppy>/x</ovirt-vm:floppy>', machine = 'pc-i440fx-7.2'): string {
  return (
    `<domain xmlns:ovirt-vm="http://ovirt.org/vm/1.0" type="kvm"><name>vm42</name><uuid>${VM_ID}</uuid>` +
    `<metadata><ovirt-vm:vm><ovirt-vm:custom>${custom}<ovirt-vm:sndbuf>0</ovirt-vm:sndbuf></ovirt-vm:custom></ovirt-vm:vm></metadata>` +
    `<os><type arch="x86_64" machine="${machine}">hvm</type></os><devices>${devices}</devices></domain>`
  );
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
    FAKE_VIRSH_DIR: p('domains'),
    LAB_VIRSH: FAKE_VIRSH,
    LAB_VDSM_CONSOLE_DIR: p('console'),
    LAB_VDSM_VERSION: '4.30.46',
    LAB_VDSM_PAYLOAD_DIR: p('payload'),
    LAB_VDSM_HOOKS_DIR: p('hooks'),
    LAB_VDSM_RUN_HOOKS: join(STANDINS, 'vdsm/run_hooks.py'),
    LAB_VDSM_RUN_AS: '',
    LAB_VDSM_HOOK_PYTHONPATH: join(STANDINS, 'vdsm'),
  };
});
afterEach(() => dir.remove());

describe('start_vm.py create', () => {
  it("hands the metadata's custom properties and vmId to the hooks; keeps the XML for virsh; destroy removes it", () => {
    expect(create(domain(''))).toEqual({ vmId: VM_ID, status: 'Up' });
    const hookEnv = readFileSync(p('hook-env'), 'utf8').split('\n');
    expect(hookEnv).toEqual(expect.arrayContaining(['floppy=/x', 'sndbuf=0', `vmId=${VM_ID}`]));
    const handed = readFileSync(p('domains', `${VM_ID}.xml`), 'utf8');
    expect(handed).toContain(`<uuid>${VM_ID}</uuid>`);
    // Only what the lab cannot provide is replaced: TCG, the guest kernel, a console file.
    expect(handed).toMatch(/<domain [^>]*type="qemu"/);
    expect(handed).toContain('<kernel>/.lab/guest/vmlinuz</kernel>');
    expect(handed).toContain(`<source path="${p('console', `${VM_ID}.log`)}" />`);
    expect(handed).toContain('machine="pc-i440fx-7.2"');
    expect(create(domain(''))).toEqual({ code: 4, message: 'Virtual machine already exists' });
    expect(JSON.parse(py('vdsm/start_vm.py', ['list'], { env }).stdout)).toEqual([{ vmId: VM_ID, status: 'Up' }]);
    expect(py('vdsm/start_vm.py', ['destroy', VM_ID], { env }).status).toBe(0);
    expect(JSON.parse(py('vdsm/start_vm.py', ['destroy', VM_ID], { env }).stdout)).toEqual({
      code: 1,
      message: 'Virtual machine does not exist',
    });
  });

  it('asks libvirt for type="kvm" only where the lab probe recorded kvm and the device node exists (else TCG)', () => {
    writeFileSync(p('kvm-node'), '');
    const typeWith = (accel: string, device: string) => {
      writeFileSync(p('accel'), `${accel}\n`);
      env = { ...env, LAB_QEMU_ACCEL_FILE: p('accel'), LAB_KVM_DEVICE: device };
      expect(create(domain(''))).toEqual({ vmId: VM_ID, status: 'Up' });
      const type = /<domain [^>]*type="(\w+)"/.exec(readFileSync(p('domains', `${VM_ID}.xml`), 'utf8'))?.[1];
      expect(py('vdsm/start_vm.py', ['destroy', VM_ID], { env }).status).toBe(0);
      return type;
    };
    expect(typeWith('kvm', p('kvm-node'))).toBe('kvm');
    expect(typeWith('kvm', p('no-such-node'))).toBe('qemu');
    expect(typeWith('tcg', p('kvm-node'))).toBe('qemu');
  });

  it('a hook\'s failure is vdsm\'s "Hook Error: <stderr>" (code 1500; 4.40+: the bytes tuple), and nothing runs', () => {
    writeFileSync(p('hooks/before_vm_start/20_fail'), '#!/bin/sh\necho "boom: no" >&2\nexit 2\n', { mode: 0o755 });
    expect(create(domain(''))).toEqual({ code: 1500, message: 'Hook Error: boom: no\n' });
    env.LAB_VDSM_VERSION = '4.50.5';
    expect(create(domain(''))).toEqual({ code: 1500, message: "Hook Error: (b'boom: no\\n',)" });
    expect(JSON.parse(py('vdsm/start_vm.py', ['list'], { env }).stdout)).toEqual([]);
  });

  it("libvirt's refusal is the start's error, in libvirt's own words (virsh's frame line dropped)", () => {
    env.FAKE_VIRSH_REFUSE = "unsupported configuration: Emulator '/usr/bin/qemu-system-x86_64' does not support machine type 'x'";
    expect(create(domain(''))).toEqual({
      code: 9,
      message: "unsupported configuration: Emulator '/usr/bin/qemu-system-x86_64' does not support machine type 'x'",
    });
    expect(JSON.parse(py('vdsm/start_vm.py', ['list'], { env }).stdout)).toEqual([]);
  });

  it("reports the installed hooks with vdsm's checksum (caps['hooks']): md5 up to 4.30, sha256 as \"checksum\" from 4.40", () => {
    type Caps = { hooks: Record<string, Record<string, { checksum?: string; md5?: string }>> };
    const caps = (version: string) =>
      JSON.parse(py('vdsm/start_vm.py', ['caps'], { env: { ...env, LAB_VDSM_VERSION: version } }).stdout) as Caps;
    expect(Object.keys(caps('4.30.46').hooks)).toEqual(['before_vm_start']);
    expect(caps('4.30.46').hooks.before_vm_start!['10_env']).toEqual({ md5: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(caps('4.50.5').hooks.before_vm_start!['10_env']).toEqual({ checksum: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});
