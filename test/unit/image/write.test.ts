import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError, UsageError } from '../../../src/errors.js';
import { IMAGE_BYTES } from '../../../src/image/geometry.js';
import { writeFileAtomically, writeFloppyImage } from '../../../src/image/write.js';
import { parseMdir, runTool } from './fat-tools.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ovirt-floppy-write-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(rel: string, content: string | Buffer, mtime?: Date): string {
  const p = path.join(dir, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, content);
  if (mtime) utimesSync(p, mtime, mtime);
  return p;
}

async function usageError(p: Promise<unknown>): Promise<UsageError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  return err as UsageError;
}

describe('writeFloppyImage', () => {
  it('stores each input under its base name, with its mtime, in a 0600 image', async () => {
    const mtime = new Date(2021, 4, 6, 7, 8, 10);
    const a = file('deep/er/Autounattend.xml', '<a/>', mtime);
    const out = path.join(dir, 'vm01.vfd');
    const w = await writeFloppyImage(out, [a, { path: file('x.txt', 'renamed'), name: 'SYSPREP.INF' }], { label: 'vm01' });
    expect(w).toMatchObject({
      path: out,
      bytes: IMAGE_BYTES,
      label: 'VM01',
      files: [
        { name: 'Autounattend.xml', shortName: 'AUTOUN~1.XML', size: 4, source: a },
        { name: 'SYSPREP.INF', shortName: 'SYSPREP.INF', size: 7 },
      ],
      freeBytes: 1_457_664 - 1024,
    });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(statSync(out).size).toBe(IMAGE_BYTES);
    const l = parseMdir(runTool('mdir', ['-i', out, '::']).stdout);
    expect(l.entries.map((e) => [e.longName ?? e.shortName, e.date, e.time])).toEqual([
      ['Autounattend.xml', '2021-05-06', '7:08'],
      ['SYSPREP.INF', expect.any(String), expect.any(String)],
    ]);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('replaces an existing image atomically and resets a wider mode to 0600', async () => {
    const out = file('vm.vfd', 'old contents');
    chmodSync(out, 0o644);
    await writeFloppyImage(out, [file('Unattend.xml', 'new')]);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(statSync(out).size).toBe(IMAGE_BYTES);
  });

  it('honours an explicit mode exactly, whatever the umask (0666 would be 0644 under the usual 022)', async () => {
    const out = path.join(dir, 'shared.vfd');
    await writeFloppyImage(out, [], { mode: 0o666 });
    expect(statSync(out).mode & 0o777).toBe(0o666);
  });

  it('lists every problem at once: missing and unreadable inputs, directories, names, label, output', async () => {
    const ok = file('Unattend.xml', 'x');
    const twin = file('other/UNATTEND.xml', 'y');
    const colon = file('a:b.xml', 'z');
    mkdirSync(path.join(dir, 'adir'));
    const err = await usageError(
      writeFloppyImage(
        path.join(dir, 'no-such-dir', 'out.vfd'),
        [ok, path.join(dir, 'missing.xml'), twin, colon, path.join(dir, 'adir'), path.join(dir, 'gone', 'x.xml')],
        { label: 'bad.label' },
      ),
    );
    expect(err.exitCode).toBe(2);
    const lines = err.message.split('\n');
    expect(lines[0]).toBe('cannot build the floppy image (7 problems):');
    expect(err.message).toContain(
      `output ${path.join(dir, 'no-such-dir', 'out.vfd')}: directory ${path.join(dir, 'no-such-dir')}: no such file`,
    );
    expect(err.message).toContain(`${path.join(dir, 'missing.xml')}: cannot read: no such file`);
    expect(err.message).toContain(`${path.join(dir, 'adir')}: not a regular file (a directory)`);
    expect(err.message).toContain(`${path.join(dir, 'gone', 'x.xml')}: cannot read: no such file`);
    expect(err.message).toMatch(/label "bad.label": contains '\.'/);
    expect(err.message).toContain(`"a:b.xml" (from ${colon}): contains ':'`);
    expect(err.message).toContain(
      `duplicate name (FAT compares names case-insensitively): "Unattend.xml" (from ${ok}), "UNATTEND.xml" (from ${twin})`,
    );
    expect(readdirSync(dir)).not.toContain('out.vfd');
  });

  it('refuses to overwrite one of its inputs, and an output that is a directory', async () => {
    const input = file('Unattend.xml', 'x');
    expect((await usageError(writeFloppyImage(input, [input]))).message).toContain(`${input}: is also the output image`);
    mkdirSync(path.join(dir, 'out.vfd'));
    expect((await usageError(writeFloppyImage(path.join(dir, 'out.vfd'), [input]))).message).toContain('exists and is not a regular file');
  });

  it('reports too much data in bytes over capacity, with nothing written', async () => {
    const big = file('big.bin', Buffer.alloc(1_457_664));
    const err = await usageError(writeFloppyImage(path.join(dir, 'o.vfd'), [big, file('one.txt', '1')]));
    expect(err.message).toMatch(/total size: 512 bytes over\. The files hold 1,457,665 bytes/);
    expect(readdirSync(dir).sort()).toEqual(['big.bin', 'one.txt']);
  });
});

describe('writeFileAtomically', () => {
  it('leaves no temp file behind and the target untouched when the write fails', async () => {
    const target = file('keep.vfd', 'old');
    mkdirSync(path.join(dir, 'ro'));
    chmodSync(path.join(dir, 'ro'), 0o500);
    const isRoot = process.getuid?.() === 0;
    // As root the permission bits do not stop us, so provoke the failure with a missing directory instead.
    const failing = isRoot ? path.join(dir, 'missing', 'x.vfd') : path.join(dir, 'ro', 'x.vfd');
    const err = await writeFileAtomically(failing, Buffer.from('x'), 0o600).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as Error).message).toMatch(/cannot write .*x\.vfd: (no such file|permission denied)/);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['keep.vfd', 'ro']);
    expect(readdirSync(path.join(dir, 'ro'))).toEqual([]);
  });
});
