/**
 * The bundled before_vm_start hook with the CD payload property (issue #12), run by python3 the way vdsm runs it
 * (facts §2.3, §8.5): the rendered script, the domain XML in the file named by `_hook_domxml`, the custom property
 * as an environment variable. Samples and where their cdrom units come from: domxml/README.md.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBundledHook } from '../../../checks/lib/bundled-hook.js';

const PYTHONS = (process.env.OVIRT_FLOPPY_HOOK_PYTHONS ?? 'python3').split(':').filter(Boolean);
const sample = (name: string) => readFileSync(new URL(`./domxml/${name}`, import.meta.url), 'utf8');

let root: string;
let dir: string;
let hook: string;
let hookNoCd: string;
let migrate: string;

beforeAll(() => {
  root = mkdtempSync(`${tmpdir()}/of-cdhook-`);
  dir = `${root}/floppy`;
  mkdirSync(dir);
  mkdirSync(`${root}/other`);
  writeFileSync(`${dir}/vm01.iso`, 'iso');
  writeFileSync(`${dir}/vm01.vfd`, 'vfd');
  mkdirSync(`${dir}/sub.iso`);
  writeFileSync(`${dir}/sub.iso/x.iso`, 'iso');
  writeFileSync(`${root}/other/secret.iso`, 'x');
  symlinkSync('../other/secret.iso', `${dir}/escape.iso`);
  const put = (name: string, content: string) => {
    writeFileSync(`${root}/${name}`, content);
    chmodSync(`${root}/${name}`, 0o755);
    return `${root}/${name}`;
  };
  hook = put('before_vm_start', renderBundledHook('before_vm_start', dir, 'floppycd'));
  hookNoCd = put('before_vm_start.nocd', renderBundledHook('before_vm_start', dir, undefined));
  migrate = put('before_vm_migrate_source', renderBundledHook('before_vm_migrate_source', dir, 'floppycd'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(python: string, script: string, domxml: string, env: Record<string, string>) {
  const file = `${root}/domxml-${Math.random().toString(36).slice(2)}.xml`;
  writeFileSync(file, domxml);
  const r = spawnSync(python, [script], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', _hook_domxml: file, ...env },
    encoding: 'utf8',
  });
  const xml = readFileSync(file, 'utf8');
  rmSync(file);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, xml };
}

/** The input plus our cdrom as the last device (minidom adds the declaration and drops the final newline). */
function withCdrom(domxml: string, path: string, dev: string, bus: string): string {
  const disk = `<disk device="cdrom" type="file"><driver name="qemu" type="raw"/><source file="${path}"><seclabel model="dac" relabel="no"/></source><target bus="${bus}" dev="${dev}"/><readonly/></disk>`;
  return `<?xml version="1.0" encoding="utf-8"?>${domxml.replace('  </devices>', `  ${disk}</devices>`).replace(/\n$/, '')}`;
}

describe.each(PYTHONS)('before_vm_start/50_floppy with floppycd under %s', (python) => {
  const iso = () => `${dir}/vm01.iso`;

  it("Q35 with the engine's payload cdrom (sdb) and oVirt's cdrom (sdc): a read-only SATA cdrom at sda, raw, no DAC relabel", () => {
    const q35 = sample('windows-q35.xml');
    expect(run(python, hook, q35, { floppycd: iso() })).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
      xml: withCdrom(q35, iso(), 'sda', 'sata'),
    });
  });

  it("i440fx with oVirt's cdrom at hdc (explicit address) and the sysprep payload at hdd: an IDE cdrom at hda", () => {
    const pc = sample('windows-i440fx-cdroms.xml');
    expect(run(python, hook, pc, { floppycd: iso() })).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
      xml: withCdrom(pc, iso(), 'hda', 'ide'),
    });
  });

  it('a SCSI disk named sda and a SATA cdrom explicitly at unit 1: skips both, takes sdd (unit 3)', () => {
    const x = sample('q35-scsi-and-addresses.xml');
    expect(run(python, hook, x, { floppycd: iso() }).xml).toBe(withCdrom(x, iso(), 'sdd', 'sata'));
  });

  it('Q35 as the engine writes a virtio-scsi VM: SCSI disks sda and sdd share the sd names, so sde (SATA unit 4)', () => {
    const x = sample('q35-virtio-scsi.xml');
    expect(run(python, hook, x, { floppycd: iso() })).toEqual({ code: 0, stdout: '', stderr: '', xml: withCdrom(x, iso(), 'sde', 'sata') });
  });

  it('IDE: a disk named hdb explicitly at bus 0 unit 0 (where hda would go) blocks hda too, so hdd', () => {
    const pc = sample('windows-i440fx-cdroms.xml').replace(
      '<target bus="ide" dev="hdd"/>\n      <readonly/>',
      '<target bus="ide" dev="hdb"/>\n      <readonly/>\n      <address bus="0" controller="0" target="0" type="drive" unit="0"/>',
    );
    expect(pc).toContain('dev="hdb"');
    expect(run(python, hook, pc, { floppycd: iso() }).xml).toBe(withCdrom(pc, iso(), 'hdd', 'ide'));
  });

  it('every IDE unit taken (two IDE disks, both cdroms): refused, naming what holds them', () => {
    const full = sample('i440fx-ide-full.xml');
    expect(run(python, hook, full, { floppycd: iso() })).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `floppycd: refusing to attach ${iso()}: no free IDE unit on pc-i440fx-rhel7.6.0 (4 units, taken by: ` +
        'cdrom hdc, cdrom hdd, disk hda, disk hdb)\n',
      xml: full,
    });
  });

  it('every SATA unit taken: refused, naming what holds them, XML untouched', () => {
    const full = sample('q35-sata-full.xml');
    expect(run(python, hook, full, { floppycd: iso() })).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `floppycd: refusing to attach ${iso()}: no free SATA unit on pc-q35-rhel8.6.0 (6 units, taken by: ` +
        'cdrom sda, cdrom sdb, cdrom sdc, disk sdd, disk sde, disk sdf)\n',
      xml: full,
    });
  });

  it('both properties: the floppy at fda and the CD, in one pass', () => {
    const q35 = sample('windows-q35.xml');
    const r = run(python, hook, q35, { floppy: `${dir}/vm01.vfd`, floppycd: iso() });
    expect(r.code).toBe(0);
    expect(r.xml).toContain(`<source file="${dir}/vm01.vfd">`);
    expect(r.xml).toContain(
      `<source file="${iso()}"><seclabel model="dac" relabel="no"/></source><target bus="sata" dev="sda"/><readonly/>`,
    );
  });

  it('both properties, one refused: nothing attached, the refusal of that one', () => {
    const q35 = sample('windows-q35.xml');
    expect(run(python, hook, q35, { floppy: `${dir}/vm01.vfd`, floppycd: `${dir}/vm01.vfd` })).toEqual({
      code: 2,
      stdout: '',
      stderr: `floppycd: refusing ${dir}/vm01.vfd: a CD payload must be an ISO image named *.iso\n`,
      xml: q35,
    });
    const sysprep = sample('windows-sysprep-floppy.xml');
    const r = run(python, hook, sysprep, { floppy: `${dir}/vm01.vfd`, floppycd: iso() });
    expect([r.code, r.xml]).toEqual([2, sysprep]);
    expect(r.stderr).toMatch(/^floppy: refusing to attach .*: the VM already has a floppy at fda \(PAYLOAD:\)\. The engine attaches/);
  });

  it('the same image already attached (a hibernated VM restore): left alone', () => {
    const once = run(python, hook, sample('windows-q35.xml'), { floppycd: iso() }).xml;
    expect(run(python, hook, once, { floppycd: iso() })).toEqual({ code: 0, stdout: '', stderr: '', xml: once });
  });

  it('refused like the floppy: outside the directory, a symlink escape, not .iso, a missing file', () => {
    const q35 = sample('windows-q35.xml');
    const cases: [string, string][] = [
      [`${root}/other/secret.iso`, `not a file directly inside the floppy directory ${dir}`],
      [`${dir}/../other/secret.iso`, `not a file directly inside the floppy directory ${dir}`],
      [`${dir}/escape.iso`, `it resolves to ${root}/other/secret.iso, outside the floppy directory ${dir}`],
      [`${dir}/sub.iso/x.iso`, `not a file directly inside the floppy directory ${dir}`],
      ['', `not a file directly inside the floppy directory ${dir}`],
      [`${dir}/vm01.vfd`, 'a CD payload must be an ISO image named *.iso'],
      [`${dir}/VM01.ISO`, 'a CD payload must be an ISO image named *.iso'],
    ];
    for (const [value, why] of cases) {
      expect(run(python, hook, q35, { floppycd: value }), value).toEqual({
        code: 2,
        stdout: '',
        stderr: `floppycd: refusing ${value}: ${why}\n`,
        xml: q35,
      });
    }
    for (const missing of [`${dir}/missing.iso`, `${dir}/sub.iso`]) {
      expect(run(python, hook, q35, { floppycd: missing }), missing).toEqual({
        code: 2,
        stdout: '',
        stderr: `floppycd: file not exists or not enough permissions: ${missing}\n`,
        xml: q35,
      });
    }
  });

  it.each([
    ['q35', 'sata', 'sda'],
    ['pc-q35-2.6', 'sata', 'sda'],
    ['pc-q35-rhel8.6.0', 'sata', 'sda'],
    ['pc-q35-rhel9.6.0', 'sata', 'sda'],
    ['pc', 'ide', 'hda'],
    ['pc-i440fx-2.12', 'ide', 'hda'],
    ['pc-i440fx-rhel7.6.0', 'ide', 'hda'],
    ['rhel6.5.0', 'ide', 'hda'],
  ])('machine %s: bus %s (%s)', (machine, bus, dev) => {
    const x = sample('windows-q35.xml').replace('pc-q35-rhel8.6.0', machine);
    expect(run(python, hook, x, { floppycd: iso() }).xml).toBe(withCdrom(x, iso(), dev, bus));
  });

  it('no machine attribute: refused, naming none', () => {
    const bare = sample('windows-q35.xml').replace(' machine="pc-q35-rhel8.6.0"', '');
    expect(run(python, hook, bare, { floppycd: iso() })).toEqual({
      code: 2,
      stdout: '',
      stderr: `floppycd: refusing to attach ${iso()}: machine type (none) is neither Q35 nor i440fx, so the CD bus is unknown\n`,
      xml: bare,
    });
  });

  it('an unknown machine type: refused, the bus cannot be chosen', () => {
    const odd = sample('windows-q35.xml').replace('pc-q35-rhel8.6.0', 'virt-8.2');
    expect(run(python, hook, odd, { floppycd: iso() }).stderr).toBe(
      `floppycd: refusing to attach ${iso()}: machine type virt-8.2 is neither Q35 nor i440fx, so the CD bus is unknown\n`,
    );
  });

  it('rendered without a CD property (payload: floppy): the variable is ignored', () => {
    const q35 = sample('windows-q35.xml');
    expect(run(python, hookNoCd, q35, { floppycd: iso() })).toEqual({ code: 0, stdout: '', stderr: '', xml: q35 });
  });

  it('migration: a VM with only the CD may migrate (exit 0); with the floppy it is refused as before', () => {
    expect(run(python, migrate, '<domain/>', { floppycd: iso() }).code).toBe(0);
    const floppy = run(python, migrate, '<domain/>', { floppy: `${dir}/vm01.vfd`, floppycd: iso() });
    expect([floppy.code, floppy.stderr]).toEqual([2, 'floppy before_vm_migrate_source: cannot migrate VM with floppy hook\n']);
  });
});
