// The lab's floppy hooks behave like vdsm-hook-floppy 4.30 (ovirt-facts.md §2.2), run the way vdsm runs them
// (§2.3: domain XML in the file named by `_hook_domxml`, custom properties as env, PYTHONPATH with `hooking`).
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PYTHON, STANDINS, run, tempDir } from './standins-helpers.js';

const DOMXML =
  `<domain type='kvm'><name>floppy-smoke</name><uuid>1b2e4a2c-0000-4000-8000-000000000001</uuid>` +
  `<devices><disk type='file' device='cdrom'><source file=''/><target dev='hdc' bus='ide'/></disk>` +
  `<interface type='bridge'><source bridge='ovirtmgmt'/></interface></devices></domain>`;
const START = join(STANDINS, 'vdsm/floppy_before_vm_start.py');
const MIGRATE = join(STANDINS, 'vdsm/floppy_before_vm_migrate_source.py');

let dir: { path: string; remove: () => void };
let domxml: string;
let image: string;

/** Run a hook script like vdsm: its env plus _hook_domxml and the VM's custom properties. */
function hook(script: string, custom: Record<string, string>) {
  return run(PYTHON, [script], {
    env: { PYTHONPATH: join(STANDINS, 'vdsm'), _hook_domxml: domxml, vmId: '1b2e4a2c', ...custom },
  });
}

type Disk = { '@_type'?: string; '@_device'?: string; source?: Record<string, string>; target?: Record<string, string> };
function disks(xml: string): Disk[] {
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'disk' }).parse(xml) as {
    domain: { devices: { disk: Disk[] } };
  };
  return doc.domain.devices.disk;
}

beforeEach(() => {
  dir = tempDir('hook-');
  domxml = join(dir.path, 'domxml');
  writeFileSync(domxml, DOMXML);
  image = join(dir.path, 'vm1.vfd');
  writeFileSync(image, Buffer.alloc(1474560));
});
afterEach(() => dir.remove());

describe('before_vm_start/50_floppy', () => {
  it('does nothing without the floppy property', () => {
    const r = hook(START, {});
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(readFileSync(domxml, 'utf8')).toBe(DOMXML);
  });

  it("exits 2 with upstream's message when the file does not exist", () => {
    const missing = join(dir.path, 'nope.vfd');
    const r = hook(START, { floppy: missing });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`floppy: file not exists or not enough permissions: ${missing}`);
    // Upstream's bare `except:` also catches the SystemExit: the traceback follows (see the hook's header).
    expect(r.stderr).toContain('floppy: [unexpected error]: Traceback');
    expect(readFileSync(domxml, 'utf8')).toBe(DOMXML);
  });

  it('treats a directory like a missing file (os.path.isfile)', () => {
    expect(hook(START, { floppy: dir.path }).status).toBe(2);
  });

  it('appends exactly one read-write floppy disk at fda and nothing else', () => {
    const r = hook(START, { floppy: image });
    expect(r).toMatchObject({ status: 0, stderr: '' });
    const after = disks(readFileSync(domxml, 'utf8'));
    expect(after).toHaveLength(2);
    expect(after[0]).toEqual(disks(DOMXML)[0]);
    const floppy = after[1]!;
    // Exactly upstream's element: no bus, readonly, driver, alias, address or seclabel (facts §2.2).
    expect(floppy).toEqual({ '@_type': 'file', '@_device': 'floppy', source: { '@_file': image }, target: { '@_dev': 'fda' } });
  });

  it('appends another fda disk on every run (upstream does not look for an existing one, facts §3)', () => {
    hook(START, { floppy: image });
    hook(START, { floppy: image });
    expect(disks(readFileSync(domxml, 'utf8')).filter((d) => d['@_device'] === 'floppy')).toHaveLength(2);
  });

  it('reports an unreadable domain XML as an unexpected error, exit 2', () => {
    writeFileSync(domxml, '<domain><devices>');
    const r = hook(START, { floppy: image });
    expect(r.status).toBe(2);
    expect(r.stderr.startsWith('floppy: [unexpected error]: Traceback')).toBe(true);
  });
});

describe('before_vm_migrate_source/50_floppy', () => {
  it('refuses migration of a VM with the floppy property', () => {
    expect(hook(MIGRATE, { floppy: image })).toMatchObject({
      status: 2,
      stderr: 'floppy before_vm_migrate_source: cannot migrate VM with floppy hook\n',
    });
  });

  it('lets other VMs migrate', () => {
    expect(hook(MIGRATE, {})).toMatchObject({ status: 0, stderr: '' });
  });
});

describe('run_hooks.py (vdsm _runHooksDir)', () => {
  function hooksDir(): string {
    const d = join(dir.path, 'hooks');
    for (const [ev, src] of [
      ['before_vm_start', START],
      ['before_vm_migrate_source', MIGRATE],
    ] as const) {
      mkdirSync(join(d, ev), { recursive: true });
      copyFileSync(src, join(d, ev, '50_floppy'));
      chmodSync(join(d, ev, '50_floppy'), 0o755);
    }
    return d;
  }
  const env = (d: string) => ({ LAB_VDSM_HOOKS_DIR: d, LAB_VDSM_RUN_AS: '', LAB_VDSM_HOOK_PYTHONPATH: join(STANDINS, 'vdsm') });
  const runner = join(STANDINS, 'vdsm/run_hooks.py');

  it('passes custom properties as env and prints the final XML', () => {
    const d = hooksDir();
    const r = run(PYTHON, [runner, 'before_vm_start', domxml, '--vm-id', 'x', '--custom', `floppy=${image}`], { env: env(d) });
    expect(r.status).toBe(0);
    expect(disks(r.stdout).filter((x) => x['@_device'] === 'floppy')).toHaveLength(1);
    expect(readFileSync(domxml, 'utf8')).toBe(DOMXML); // vdsm works on its own temp copy
  });

  it('turns a failing hook into a Hook Error, exit 1', () => {
    const d = hooksDir();
    const r = run(PYTHON, [runner, 'before_vm_migrate_source', domxml, '--custom', 'floppy=/x'], { env: env(d) });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Hook Error: floppy before_vm_migrate_source: cannot migrate VM with floppy hook');
  });

  it('skips hook files that are not executable, as vdsm does', () => {
    const d = hooksDir();
    chmodSync(join(d, 'before_vm_start', '50_floppy'), 0o644);
    const r = run(PYTHON, [runner, 'before_vm_start', domxml, '--custom', `floppy=${image}`], { env: env(d) });
    expect(r).toMatchObject({ status: 0 });
    expect(r.stdout).toBe(DOMXML);
  });
});
