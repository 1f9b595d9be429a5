/**
 * The bundled hooks run by python3 the way vdsm runs them (facts §2.3): the rendered script executed with the
 * domain XML in the file named by `_hook_domxml` and the VM's custom properties as environment variables.
 * Each case states the exact stdout, stderr, exit code and the XML the hook leaves behind.
 *
 * Interpreters: `python3` from PATH; set OVIRT_FLOPPY_HOOK_PYTHONS to a colon list (e.g. a Python 3.6 binary,
 * what EL8's /usr/bin/python3 is) to run every case under each of them.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_HOOK_SOURCES } from '../../../checks/lib/bundled-hook-source.js';
import { renderBundledHook } from '../../../checks/lib/bundled-hook.js';

const PYTHONS = (process.env.OVIRT_FLOPPY_HOOK_PYTHONS ?? 'python3').split(':').filter(Boolean);
const sample = (name: string) => readFileSync(new URL(`./domxml/${name}`, import.meta.url), 'utf8');

let root: string;
let dir: string;
let startHook: string;
let unrenderedHook: string;
let migrateHook: string;

beforeAll(() => {
  root = mkdtempSync(`${tmpdir()}/of-hook-`);
  dir = `${root}/floppy`;
  mkdirSync(dir);
  mkdirSync(`${root}/other`);
  writeFileSync(`${dir}/unattend-01.vfd`, 'x');
  writeFileSync(`${root}/other/secret.vfd`, 'x');
  symlinkSync('../other/secret.vfd', `${dir}/escape.vfd`);
  mkdirSync(`${dir}/sub.vfd`);
  const put = (name: string, content: string) => {
    writeFileSync(`${root}/${name}`, content);
    chmodSync(`${root}/${name}`, 0o755);
    return `${root}/${name}`;
  };
  startHook = put('before_vm_start', renderBundledHook('before_vm_start', dir, undefined));
  unrenderedHook = put('before_vm_start.unrendered', BUNDLED_HOOK_SOURCES.before_vm_start);
  migrateHook = put('before_vm_migrate_source', renderBundledHook('before_vm_migrate_source', dir, undefined));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface HookRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The domain XML file after the hook. */
  xml: string;
}

function runHook(python: string, hook: string, domxml: string, env: Record<string, string>): HookRun {
  const file = `${root}/domxml-${Math.random().toString(36).slice(2)}.xml`;
  writeFileSync(file, domxml);
  const r = spawnSync(python, [hook], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', _hook_domxml: file, vmId: '6f1d5a62-3c1e-4b8e-9a57-0e2f4c9d7b21', ...env },
    encoding: 'utf8',
  });
  const xml = readFileSync(file, 'utf8');
  rmSync(file);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, xml };
}

/**
 * minidom writes an XML declaration and drops the final newline; everything else of the input stays as it was (the
 * samples list attributes alphabetically, as minidom before Python 3.8 writes them).
 */
function withFloppy(domxml: string, path: string): string {
  const disk = `<disk device="floppy" type="file"><driver name="qemu" type="raw"/><source file="${path}"><seclabel model="dac" relabel="no"/></source><target bus="fdc" dev="fda"/></disk>`;
  return `<?xml version="1.0" encoding="utf-8"?>${domxml.replace('  </devices>', `  ${disk}</devices>`).replace(/\n$/, '')}`;
}

const SYSPREP_ADVICE =
  'The engine attaches its own sysprep floppy at fda when it initializes a Windows VM at cluster level 4.3 or lower, and a second floppy at fda fails in qemu with "Duplicate ID \'drive-fdc0-0-0\'". ' +
  'Start the VM without initialization (no use_sysprep/use_initialization, no Initialization data, or a VM that is already initialized), ' +
  'or use cluster level 4.4 or later (the sysprep payload is a CD-ROM there), or set a non-Windows OS type for this start.';

describe.each(PYTHONS)('before_vm_start/50_floppy under %s', (python) => {
  const q35 = sample('windows-q35.xml');
  const refused = (stderr: string) => ({ code: 2, stdout: '', stderr, xml: q35 });

  it('no floppy property: does nothing, says nothing', () => {
    expect(runHook(python, startHook, q35, {})).toEqual({ code: 0, stdout: '', stderr: '', xml: q35 });
  });

  it('an image in the floppy directory: one floppy disk at fda, bus fdc, raw, no DAC relabel', () => {
    const image = `${dir}/unattend-01.vfd`;
    expect(runHook(python, startHook, q35, { floppy: image })).toEqual({ code: 0, stdout: '', stderr: '', xml: withFloppy(q35, image) });
  });

  it('a path outside the floppy directory: refused', () => {
    const path = `${root}/other/secret.vfd`;
    expect(runHook(python, startHook, q35, { floppy: path })).toEqual(
      refused(`floppy: refusing ${path}: not a file directly inside the floppy directory ${dir}\n`),
    );
  });

  it('.. out of the floppy directory, a subdirectory, a relative or empty value: refused the same way', () => {
    for (const path of [`${dir}/../other/secret.vfd`, `${dir}/sub.vfd/x.vfd`, 'unattend-01.vfd', '', `${dir}/`]) {
      expect(runHook(python, startHook, q35, { floppy: path })).toEqual(
        refused(`floppy: refusing ${path}: not a file directly inside the floppy directory ${dir}\n`),
      );
    }
  });

  it('a symlink in the floppy directory that leads out of it: refused with where it leads', () => {
    const path = `${dir}/escape.vfd`;
    expect(runHook(python, startHook, q35, { floppy: path })).toEqual(
      refused(`floppy: refusing ${path}: it resolves to ${root}/other/secret.vfd, outside the floppy directory ${dir}\n`),
    );
  });

  it('a name outside the safe charset: refused, control characters escaped in the message', () => {
    const rule = 'the file name may only hold letters, digits, ".", "_" and "-" (first a letter or digit, at most 255)';
    expect(runHook(python, startHook, q35, { floppy: `${dir}/a b;id.vfd` })).toEqual(
      refused(`floppy: refusing ${dir}/a b;id.vfd: ${rule}\n`),
    );
    expect(runHook(python, startHook, q35, { floppy: `${dir}/.hidden.vfd` })).toEqual(
      refused(`floppy: refusing ${dir}/.hidden.vfd: ${rule}\n`),
    );
    expect(runHook(python, startHook, q35, { floppy: `${dir}/x\n.vfd` })).toEqual(refused(`floppy: refusing ${dir}/x\\n.vfd: ${rule}\n`));
    expect(runHook(python, startHook, q35, { floppy: `${dir}/${'a'.repeat(256)}` })).toEqual(
      refused(`floppy: refusing ${dir}/${'a'.repeat(256)}: ${rule}\n`),
    );
  });

  it("a missing file (or a directory): the original hook's message", () => {
    for (const path of [`${dir}/missing.vfd`, `${dir}/sub.vfd`]) {
      expect(runHook(python, startHook, q35, { floppy: path })).toEqual(
        refused(`floppy: file not exists or not enough permissions: ${path}\n`),
      );
    }
  });

  it("the engine's sysprep floppy already at fda: refused with the collision explained", () => {
    const sysprep = sample('windows-sysprep-floppy.xml');
    const image = `${dir}/unattend-01.vfd`;
    expect(runHook(python, startHook, sysprep, { floppy: image })).toEqual({
      code: 2,
      stdout: '',
      stderr: `floppy: refusing to attach ${image}: the VM already has a floppy at fda (PAYLOAD:). ${SYSPREP_ADVICE}\n`,
      xml: sysprep,
    });
  });

  it('the same image already at fda (vdsm restoring a hibernated VM runs the hook on the saved XML): left alone', () => {
    const image = `${dir}/unattend-01.vfd`;
    const saved = withFloppy(q35, image);
    expect(runHook(python, startHook, saved, { floppy: image })).toEqual({ code: 0, stdout: '', stderr: '', xml: saved });
    const other = `${dir}/other-02.vfd`;
    writeFileSync(other, 'x');
    expect(runHook(python, startHook, saved, { floppy: other })).toEqual({
      code: 2,
      stdout: '',
      stderr: `floppy: refusing to attach ${other}: the VM already has a floppy at fda (${image}). ${SYSPREP_ADVICE}\n`,
      xml: saved,
    });
  });

  it('a domain without <devices>: refused', () => {
    const bare = sample('no-devices.xml');
    expect(runHook(python, startHook, bare, { floppy: `${dir}/unattend-01.vfd` })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'floppy: the domain XML has no <devices> element\n',
      xml: bare,
    });
  });

  it('unreadable domain XML: the original hook\'s "[unexpected error]" with the traceback, exit 2', () => {
    const r = runHook(python, startHook, 'not xml', { floppy: `${dir}/unattend-01.vfd` });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^floppy: \[unexpected error\]: Traceback \(most recent call last\):\n[\s\S]*ExpatError: syntax error: line 1, column 0\n\n$/,
    );
  });

  it('the packaged file as shipped (directory not rendered in): refuses every image, does nothing without one', () => {
    expect(runHook(python, unrenderedHook, q35, { floppy: `${dir}/unattend-01.vfd` })).toEqual(
      refused('floppy: this hook was installed without a floppy directory; run ovirt-floppy apply\n'),
    );
    expect(runHook(python, unrenderedHook, q35, {})).toEqual({ code: 0, stdout: '', stderr: '', xml: q35 });
  });
});

describe.each(PYTHONS)('before_vm_migrate_source/50_floppy under %s', (python) => {
  const q35 = sample('windows-q35.xml');

  it("a VM with the floppy property refuses to migrate, with the original hook's message", () => {
    expect(runHook(python, migrateHook, q35, { floppy: `${dir}/unattend-01.vfd` })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'floppy before_vm_migrate_source: cannot migrate VM with floppy hook\n',
      xml: q35,
    });
  });

  it('a VM without it migrates', () => {
    expect(runHook(python, migrateHook, q35, {})).toEqual({ code: 0, stdout: '', stderr: '', xml: q35 });
  });
});
