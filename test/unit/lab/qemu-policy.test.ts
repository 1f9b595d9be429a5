/**
 * The RHEL QEMU floppy policy wrapper (test/lab/standins/hypervisor/qemu_policy.sh) in front of a recorder instead
 * of QEMU: what it refuses, in whose words, and that everything else reaches the real binary unchanged. The real
 * QEMU behind it is exercised in the lab (test/integration/real-vm.int.test.ts, the check's captured fixtures).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDINS, run, tempDir } from './standins-helpers.js';

const WRAPPER = join(STANDINS, 'hypervisor/qemu_policy.sh');
let dir: { path: string; remove: () => void };
let env: Record<string, string>;

function qemu(policy: string, ...args: string[]) {
  writeFileSync(join(dir.path, 'policy'), `${policy}\n`);
  return run('bash', [WRAPPER, ...args], { env, argv0: 'qemu-kvm' });
}

beforeEach(() => {
  dir = tempDir('qemu-policy-');
  const real = join(dir.path, 'real');
  writeFileSync(real, '#!/bin/sh\necho "real: $0 $*"\n', { mode: 0o755 });
  env = { LAB_QEMU_REAL: real, LAB_QEMU_POLICY_FILE: join(dir.path, 'policy') };
});
afterEach(() => dir.remove());

describe('qemu_policy.sh', () => {
  const libvirtFdc = '{"driver":"isa-fdc","id":"fdc0"}';

  it('upstream: everything reaches the real binary', () => {
    const r = qemu('upstream', '-machine', 'pc-q35-7.2,usb=off', '-device', libvirtFdc);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`-machine pc-q35-7.2,usb=off -device ${libvirtFdc}`);
  });

  it("rhel8: isa-fdc on a Q35 machine is refused with RHEL's words and exit 1; i440fx and other devices pass", () => {
    const r = qemu('rhel8', '-machine', 'pc-q35-7.2,usb=off,dump-guest-core=off', '-device', libvirtFdc);
    expect(r).toMatchObject({ status: 1, stdout: '' });
    expect(r.stderr).toMatch(
      new RegExp(`: -device \\{"driver":"isa-fdc","id":"fdc0"\\}: Device isa-fdc is not supported with machine type pc-q35-7\\.2\\n$`),
    );
    expect(qemu('rhel8', '-machine', 'type=pc-q35-rhel8.6.0,accel=tcg', '-device', 'isa-fdc').stderr).toContain(
      'Device isa-fdc is not supported with machine type pc-q35-rhel8.6.0',
    );
    expect(qemu('rhel8', '-machine', 'pc-i440fx-7.2', '-device', libvirtFdc).status).toBe(0);
    expect(qemu('rhel8', '-machine', 'pc-q35-7.2', '-device', '{"driver":"ahci"}').status).toBe(0);
    // libvirt's capability probe is never refused (so domcapabilities still lists floppy: the EL trap).
    expect(qemu('rhel8', '-S', '-no-user-config', '-nodefaults', '-machine', 'none', '-qmp', 'stdio').status).toBe(0);
  });

  it("rhel9: no floppy device on any machine, QEMU's unknown-device wording", () => {
    for (const [m, d] of [
      ['pc-i440fx-7.2', '{"driver":"floppy","unit":0}'],
      ['q35', 'isa-fdc'],
    ] as const) {
      const r = qemu('rhel9', '-machine', m, '-device', d);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`: -device ${d}: '${d.startsWith('{') ? 'floppy' : 'isa-fdc'}' is not a valid device model name`);
    }
  });
});
