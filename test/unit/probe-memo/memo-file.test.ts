/** The probe memo on disk (src/probe-memo/): per config under $XDG_CACHE_HOME, private, and a cache: bad means empty. */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMemoPath, readMemoFile, writeMemoFile } from '../../../src/probe-memo/memo-file.js';
import { parseMemoFile, ProbeMemoStore } from '../../../src/probe-memo/memo-store.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('probe memo store', () => {
  it('keeps values per host name AND address: a host that moved starts afresh', () => {
    const s = new ProbeMemoStore();
    s.set(ProbeMemoStore.hostKey({ name: 'hv1', address: '10.0.0.1' }), 'qemu-floppy', 'x');
    expect(s.get('hv1@10.0.0.1', 'qemu-floppy')).toBe('x');
    expect(s.get(ProbeMemoStore.hostKey({ name: 'hv1', address: '10.0.0.2' }), 'qemu-floppy')).toBeUndefined();
    expect(s.toFile()).toEqual({ version: 1, hosts: { 'hv1@10.0.0.1': { 'qemu-floppy': 'x' } } });
  });

  it('a file of another version, or with a non-string value, or not JSON, is no memo at all', () => {
    expect(parseMemoFile('{"version":1,"hosts":{"h@a":{"k":"v"}}}')).toEqual({ version: 1, hosts: { 'h@a': { k: 'v' } } });
    expect(parseMemoFile('{"version":2,"hosts":{}}')).toBeUndefined();
    expect(parseMemoFile('{"version":1,"hosts":{"h@a":{"k":3}}}')).toBeUndefined();
    expect(parseMemoFile('{"version":1,"hosts":null}')).toBeUndefined();
    expect(parseMemoFile('{"vers')).toBeUndefined();
  });
});

describe('probe memo file', () => {
  it('lives under $XDG_CACHE_HOME/ovirt-floppy (else ~/.cache), one file per config path', () => {
    const a = defaultMemoPath('/etc/ovirt-floppy/prod.yaml', { XDG_CACHE_HOME: '/c', HOME: '/h' });
    expect(a).toMatch(/^\/c\/ovirt-floppy\/prod\.yaml-[0-9a-f]{16}\.probe-memo\.json$/);
    expect(defaultMemoPath('/srv/prod.yaml', { XDG_CACHE_HOME: '/c' })).not.toBe(a);
    expect(defaultMemoPath('/etc/ovirt-floppy/prod.yaml', { XDG_CACHE_HOME: 'relative', HOME: '/h' })).toMatch(
      /^\/h\/\.cache\/ovirt-floppy\//,
    );
    expect(defaultMemoPath('/x.yaml', {})).toBeUndefined();
  });

  it('round-trips, private (0700 directory, 0600 file); a missing or corrupt file reads as an empty memo', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'memo-test-'));
    dirs.push(dir);
    const path = join(dir, 'cache', 'ovirt-floppy', 'c.probe-memo.json');
    expect((await readMemoFile(path)).toFile()).toEqual({ version: 1, hosts: {} });
    const s = new ProbeMemoStore();
    s.set('hv1@127.0.1.11', 'qemu-floppy', 'id\n@@qemu q35 exit 0\n');
    await writeMemoFile(path, s);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'cache', 'ovirt-floppy'))).mode & 0o777).toBe(0o700);
    expect((await readMemoFile(path)).get('hv1@127.0.1.11', 'qemu-floppy')).toBe('id\n@@qemu q35 exit 0\n');
    await writeFile(path, 'not json');
    expect((await readMemoFile(path)).toFile().hosts).toEqual({});
    expect(await readFile(path, 'utf8')).toBe('not json');
  });
});
