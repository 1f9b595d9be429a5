// The virsh stand-in: `-r dumpxml` of stored domains (ovirt-facts.md §4.7) and `-r domcapabilities` with
// floppy in the disk diskDevice enum unless the lab's flag file removes it (facts §0.3).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { py, tempDir } from './standins-helpers.js';

const XML = "<domain type='kvm'><name>floppy-smoke</name><uuid>1b2e4a2c-0000-4000-8000-000000000001</uuid><devices/></domain>\n";
let dir: { path: string; remove: () => void };
let env: Record<string, string>;
const virsh = (...args: string[]) => py('hypervisor/virsh.py', args, { env });

function diskDevices(xml: string): string[] {
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'enum' || n === 'value' }).parse(xml) as {
    domainCapabilities: { devices: { disk: { enum: { '@_name': string; value: string[] }[] } } };
  };
  return doc.domainCapabilities.devices.disk.enum.find((e) => e['@_name'] === 'diskDevice')!.value;
}

beforeEach(() => {
  dir = tempDir('virsh-');
  env = { LAB_VDSM_DOMAINS: join(dir.path, 'domains'), LAB_DOMCAPS_NO_FLOPPY: join(dir.path, 'no-floppy') };
  mkdirSync(env.LAB_VDSM_DOMAINS!);
  writeFileSync(join(env.LAB_VDSM_DOMAINS!, '1b2e4a2c-0000-4000-8000-000000000001.xml'), XML);
});
afterEach(() => dir.remove());

describe('virsh -r dumpxml', () => {
  it('finds a domain by name or UUID', () => {
    expect(virsh('-r', 'dumpxml', 'floppy-smoke')).toMatchObject({ status: 0, stdout: XML });
    expect(virsh('--readonly', 'dumpxml', '1b2e4a2c-0000-4000-8000-000000000001')).toMatchObject({ status: 0, stdout: XML });
  });

  it('fails like libvirt for an unknown domain', () => {
    expect(virsh('-r', 'dumpxml', 'nosuch')).toMatchObject({ status: 1, stdout: '', stderr: "error: failed to get domain 'nosuch'\n" });
  });

  it('without -r asks for SASL credentials and fails on a closed stdin', () => {
    const r = virsh('dumpxml', 'floppy-smoke');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error: authentication failed: Failed to collect auth credentials');
  });
});

describe('virsh -r domcapabilities', () => {
  it('lists floppy by default', () => {
    const r = virsh('-r', 'domcapabilities');
    expect(r.status).toBe(0);
    expect(diskDevices(r.stdout)).toEqual(['disk', 'cdrom', 'floppy', 'lun']);
  });

  it('an empty flag file removes floppy for every machine', () => {
    writeFileSync(env.LAB_DOMCAPS_NO_FLOPPY!, '');
    expect(diskDevices(virsh('-r', 'domcapabilities', '--machine', 'pc').stdout)).not.toContain('floppy');
  });

  it('a flag file with machine prefixes removes floppy for those only', () => {
    writeFileSync(env.LAB_DOMCAPS_NO_FLOPPY!, 'pc-q35-\n');
    expect(diskDevices(virsh('-r', 'domcapabilities', '--machine', 'q35').stdout)).not.toContain('floppy');
    expect(diskDevices(virsh('-r', 'domcapabilities', '--machine', 'pc-i440fx-rhel7.6.0').stdout)).toContain('floppy');
  });

  it('rejects an unknown machine type', () => {
    const r = virsh('-r', 'domcapabilities', '--machine', 'virt');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("the machine 'virt' is not supported by emulator '/usr/libexec/qemu-kvm'");
  });
});
