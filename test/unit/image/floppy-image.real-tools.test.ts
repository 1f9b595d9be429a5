// The images buildFloppyImage/writeFloppyImage make, judged by the real tools: mtools reads back exactly the
// files and bytes, fsck.fat finds nothing to complain about, and the listing equals what mformat + mcopy give
// for the same files. mtools runs WITHOUT MTOOLS_SKIP_CHECK: it must accept the boot sector as it is.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { buildFloppyImage, type FloppyFile } from '../../../src/image/build.js';
import { DATA_CAPACITY_BYTES, ROOT_DIR_OFFSET } from '../../../src/image/geometry.js';
import { writeFloppyImage } from '../../../src/image/write.js';
import { parseFsck, parseMdir, parseMdirBare, parseMinfo, runTool, runToolRaw, type MdirListing } from './fat-tools.js';

let dir: string;
let counter = 0;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ovirt-floppy-image-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOW = new Date(2024, 2, 14, 9, 26, 53, 590); // local time, as FAT stores it

function saveImage(image: Buffer): string {
  const p = path.join(dir, `img-${++counter}.vfd`);
  writeFileSync(p, image);
  return p;
}

function mdir(img: string): MdirListing {
  const r = runTool('mdir', ['-i', img, '::']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return parseMdir(r.stdout);
}

function mdirNames(img: string, locale?: string): string[] {
  const r = runTool('mdir', ['-a', '-b', '-i', img, '::'], locale ? { locale } : {});
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return parseMdirBare(r.stdout);
}

function mtype(img: string, name: string): Buffer {
  // mcopy to stdout ("-") copies binary data untouched; mtype may translate text.
  const r = runToolRaw('mcopy', ['-n', '-i', img, `::/${name}`, '-']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

/** fsck.fat -n (no changes) -V (second verification pass): exit 0 and not one line of complaint. */
function expectCleanFsck(img: string): ReturnType<typeof parseFsck> {
  const r = runTool('fsck.vfat', ['-n', '-V', img]);
  const parsed = parseFsck(r.stdout + r.stderr);
  expect(parsed.complaints).toEqual([]);
  expect(r.code).toBe(0);
  expect(parsed.totalClusters).toBe(2847);
  return parsed;
}

const fatDate = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const fatTime = (d: Date): string => `${d.getHours()}:${String(d.getMinutes()).padStart(2, '0')}`;
const clustersOf = (files: { data: Buffer }[]): number => files.reduce((n, f) => n + Math.ceil(f.data.length / 512), 0);

function expectExactly(img: string, files: FloppyFile[]): void {
  expect(mdirNames(img)).toEqual(files.map((f) => f.name));
  for (const f of files) expect(mtype(img, f.name).equals(f.data), `bytes of ${f.name}`).toBe(true);
  const l = mdir(img);
  expect(l.fileCount).toBe(files.length);
  expect(l.totalBytes).toBe(files.reduce((n, f) => n + f.data.length, 0));
  expect(l.freeBytes).toBe(DATA_CAPACITY_BYTES - clustersOf(files) * 512);
}

describe('empty image', () => {
  it('without a label: no files, all 2847 clusters free, clean', () => {
    const img = saveImage(buildFloppyImage([], { now: NOW, serial: 0x1234abcd }));
    const l = mdir(img);
    expect(l).toMatchObject({ label: undefined, serial: '1234-ABCD', entries: [], fileCount: 0, freeBytes: 1_457_664 });
    expect(mdirNames(img)).toEqual([]);
    expect(expectCleanFsck(img)).toMatchObject({ files: 0, usedClusters: 0 });
    const info = parseMinfo(runTool('minfo', ['-i', img, '::']).stdout);
    expect(info.get('disk label')).toBe('NO NAME    ');
    expect(info.get('serial number')).toBe('1234ABCD');
    expect(runTool('file', ['-b', img]).stdout).toMatch(/unlabeled, FAT \(12 bit\)/);
  });

  it('with a label: mdir, minfo and file(1) all show it; fsck counts the label entry', () => {
    const img = saveImage(buildFloppyImage([], { label: 'sysprep', now: NOW, serial: 1 }));
    expect(mdir(img).label).toBe('SYSPREP');
    expect(parseMinfo(runTool('minfo', ['-i', img, '::']).stdout).get('disk label')).toBe('SYSPREP    ');
    expect(runTool('file', ['-b', img]).stdout).toMatch(/label: "SYSPREP    ", FAT \(12 bit\)/);
    expect(expectCleanFsck(img)).toMatchObject({ files: 1, usedClusters: 0 });
  });
});

describe('one file', () => {
  it('lists it under its long name with its size and mtime, returns its bytes, fsck clean', () => {
    const mtime = new Date(2023, 6, 9, 16, 5, 7);
    const file = { name: 'Unattend.xml', data: Buffer.from('<unattend xmlns="urn:schemas-microsoft-com:unattend"/>\r\n'), mtime };
    const img = saveImage(buildFloppyImage([file], { label: 'PAYLOAD', now: NOW }));
    expectExactly(img, [file]);
    expect(mdir(img).entries).toEqual([
      { shortName: 'UNATTEND.XML', size: file.data.length, date: '2023-07-09', time: '16:05', longName: 'Unattend.xml' },
    ]);
    expect(expectCleanFsck(img)).toMatchObject({ files: 2, usedClusters: 1 });
  });

  it('a file without mtime gets `now`; an uppercase 8.3 name needs no long name', () => {
    const img = saveImage(buildFloppyImage([{ name: 'SYSPREP.INF', data: Buffer.from('[Unattended]\r\n') }], { now: NOW }));
    expect(mdir(img).entries).toEqual([
      { shortName: 'SYSPREP.INF', size: 14, date: fatDate(NOW), time: fatTime(NOW), longName: undefined },
    ]);
    expectCleanFsck(img);
  });
});

describe('many files', () => {
  it('50 files of assorted sizes (0, cluster boundaries, random): all listed in order, every byte back', () => {
    const sizes = [0, 1, 511, 512, 513, 1024, 1025, 4096, 10_000, 0];
    const files: FloppyFile[] = Array.from({ length: 50 }, (_, i) => ({
      name: i % 2 ? `file-${String(i).padStart(2, '0')}.xml` : `F${String(i).padStart(2, '0')}.TXT`,
      data: randomBytes(sizes[i % sizes.length] ?? 100 + i * 37),
      mtime: new Date(2020 + (i % 5), i % 12, 1 + (i % 28), i % 24, (i * 7) % 60, (i * 13) % 60),
    }));
    const img = saveImage(buildFloppyImage(files, { label: 'MANY', now: NOW }));
    expectExactly(img, files);
    const l = mdir(img);
    files.forEach((f, i) => {
      const e = l.entries[i];
      expect(e?.size).toBe(f.data.length);
      expect(e?.date).toBe(fatDate(f.mtime as Date));
      expect(e?.time).toBe(fatTime(f.mtime as Date));
    });
    expect(expectCleanFsck(img)).toMatchObject({ files: 51, usedClusters: clustersOf(files) });
  });

  it('a root directory filled to exactly 224 entries (112 files with one long-name entry each)', () => {
    const files = Array.from({ length: 112 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from(`file ${i}\n`) }));
    const img = saveImage(buildFloppyImage(files, { now: NOW }));
    expectExactly(img, files);
    expect(expectCleanFsck(img)).toMatchObject({ files: 112, usedClusters: 112 });
  });
});

describe('long names', () => {
  const names = [
    'Autounattend.xml',
    'unattend-for-win10-desktop-01.xml',
    'unattend-for-win10-desktop-02.xml',
    'My Answer File.xml',
    'sysprep.inf',
    'a b.txt',
    'exactly13.xml', // 13 UCS-2 units: fills one long entry, no 0x0000 terminator
    'exactly-26-characters.xml', // 25: terminator in the last slot of entry 2
    'twenty-six-characters.xml', // same length, a different basis name
    'archive.tar.gz',
    '.hidden-looking',
    'x'.repeat(251) + '.xml', // 255, the maximum
  ];
  const files = names.map((name, i) => ({ name, data: Buffer.from(`content of ${name} #${i}\n`) }));

  it('mdir shows every long name and the short names mtools itself would choose; bytes and fsck clean', () => {
    const img = saveImage(buildFloppyImage(files, { now: NOW }));
    expectExactly(img, files);
    const short = Object.fromEntries(mdir(img).entries.map((e) => [e.longName, e.shortName]));
    expect(short).toMatchObject({
      'Autounattend.xml': 'AUTOUN~1.XML',
      'unattend-for-win10-desktop-01.xml': 'UNATTE~1.XML',
      'unattend-for-win10-desktop-02.xml': 'UNATTE~2.XML',
      'My Answer File.xml': 'MYANSW~1.XML',
      'sysprep.inf': 'SYSPREP.INF',
      'a b.txt': 'AB~1.TXT',
    });
    expectCleanFsck(img);
  });

  it('a literal AUTOUN~1.XML keeps its name and pushes the generated one to ~2', () => {
    const two = [
      { name: 'Autounattend.xml', data: Buffer.from('long\n') },
      { name: 'AUTOUN~1.XML', data: Buffer.from('literal\n') },
    ];
    const img = saveImage(buildFloppyImage(two, { now: NOW }));
    expectExactly(img, two);
    expect(mdir(img).entries.map((e) => [e.shortName, e.longName])).toEqual([
      ['AUTOUN~2.XML', 'Autounattend.xml'],
      ['AUTOUN~1.XML', undefined],
    ]);
    expectCleanFsck(img);
  });

  it('non-ASCII names are stored as UCS-2 (read back in a UTF-8 locale), each unrepresentable character is `_` in the short name', () => {
    const intl = [
      { name: 'Ünattend fünf.xml', data: Buffer.from('ü\n') },
      { name: 'Ответ.xml', data: Buffer.from('я\n') },
    ];
    const img = saveImage(buildFloppyImage(intl, { now: NOW }));
    expect(mdirNames(img, 'C.UTF-8')).toEqual(intl.map((f) => f.name));
    expect(mdir(img).entries.map((e) => e.shortName)).toEqual(['_NATTE~1.XML', '_____~1.XML']);
    expectCleanFsck(img);
  });

  it('the long-name entries are byte-identical to the ones mcopy writes', () => {
    // Same names, same order, one by one into an mformat image: mtools picks the same short names, so the
    // long-name entries (which carry the short name's checksum) must match ours byte for byte.
    const subset = files.filter((f) => f.name !== 'sysprep.inf'); // mcopy stores that one with NT case flags
    const ours = buildFloppyImage(subset, { now: NOW });
    const src = path.join(dir, `src-${++counter}`);
    const theirs = path.join(dir, `mtools-${counter}.vfd`);
    mkdirSync(src);
    expect(runTool('mformat', ['-C', '-f', '1440', '-i', theirs, '::']).code).toBe(0);
    for (const f of subset) {
      const p = path.join(src, f.name);
      writeFileSync(p, f.data);
      expect(runTool('mcopy', ['-i', theirs, p, '::/']).code).toBe(0);
    }
    const mtoolsRoot = readFileSync(theirs).subarray(ROOT_DIR_OFFSET, ROOT_DIR_OFFSET + 224 * 32);
    const ourRoot = ours.subarray(ROOT_DIR_OFFSET, ROOT_DIR_OFFSET + 224 * 32);
    const lfn = (root: Buffer): string[] => {
      const out: string[] = [];
      for (let i = 0; i < 224 && root[i * 32] !== 0; i++) {
        const e = root.subarray(i * 32, i * 32 + 32);
        // Long entries whole; short entries by name + attribute (their times and clusters legitimately differ).
        out.push(e[11] === 0x0f ? e.toString('hex') : e.subarray(0, 12).toString('hex'));
      }
      return out;
    };
    expect(lfn(ourRoot)).toEqual(lfn(mtoolsRoot));
  });
});

describe('capacity', () => {
  it('a file that exactly fills the disk: 0 bytes free, 2847/2847 clusters, every byte back', () => {
    const file = { name: 'fill.bin', data: randomBytes(DATA_CAPACITY_BYTES) };
    const img = saveImage(buildFloppyImage([file], { label: 'FULL', now: NOW }));
    expectExactly(img, [file]);
    expect(mdir(img).freeBytes).toBe(0);
    expect(expectCleanFsck(img)).toMatchObject({ usedClusters: 2847 });
  });

  it('several files that fill every cluster, with partial last clusters', () => {
    const files = [
      { name: 'a.bin', data: randomBytes(1000 * 512 - 3) },
      { name: 'b.bin', data: randomBytes(1) },
      { name: 'c.bin', data: randomBytes(1846 * 512) },
    ];
    const img = saveImage(buildFloppyImage(files, { now: NOW }));
    expectExactly(img, files);
    expect(expectCleanFsck(img)).toMatchObject({ usedClusters: 2847 });
  });

  it('one byte too many is refused, saying by how much and what fits', () => {
    const files = [{ name: 'fill.bin', data: Buffer.alloc(DATA_CAPACITY_BYTES + 1) }];
    expect(() => buildFloppyImage(files, { now: NOW })).toThrow(UsageError);
    expect(() => buildFloppyImage(files, { now: NOW })).toThrow(
      /total size: 512 bytes over\. The files hold 1,457,665 bytes and take 1,458,176 bytes .*holds 1,457,664 bytes \(2,847 clusters\)/,
    );
  });
});

describe('same listing as mformat -C -f 1440 + mcopy -m', () => {
  it('names, sizes, dates, times and free space agree', async () => {
    const src = path.join(dir, `cmp-${++counter}`);
    mkdirSync(src);
    const spec = [
      ['Autounattend.xml', 700],
      ['Unattend.xml', 6],
      ['unattend-for-win10-desktop-01.xml', 1],
      ['unattend-for-win10-desktop-02.xml', 513],
      ['a b.txt', 0],
      ['README.TXT', 1],
      ['sysprep.inf', 2048],
    ] as const;
    const paths = spec.map(([name, size], i) => {
      const p = path.join(src, name);
      writeFileSync(p, randomBytes(size));
      const t = new Date(2022, i, 10 + i, 8 + i, 3 * i, 2 * i);
      utimesSync(p, t, t);
      return p;
    });
    const ours = path.join(dir, `ours-${counter}.vfd`);
    await writeFloppyImage(ours, paths, { label: 'PAYLOAD', now: NOW });
    const theirs = path.join(dir, `theirs-${counter}.vfd`);
    expect(runTool('mformat', ['-C', '-f', '1440', '-v', 'PAYLOAD', '-i', theirs, '::']).code).toBe(0);
    expect(runTool('mcopy', ['-m', '-i', theirs, ...paths, '::/']).code).toBe(0);

    expect(mdirNames(ours)).toEqual(mdirNames(theirs));
    const view = (l: MdirListing) => ({
      label: l.label,
      // mcopy keeps all-lowercase 8.3 names as flagged short names, we as long names: compare what users see.
      entries: l.entries.map((e) => ({ name: e.longName ?? e.shortName, size: e.size, date: e.date, time: e.time })),
      fileCount: l.fileCount,
      totalBytes: l.totalBytes,
      freeBytes: l.freeBytes,
    });
    expect(view(mdir(ours))).toEqual(view(mdir(theirs)));
    expectCleanFsck(ours);
    expectCleanFsck(theirs);
  });
});

describe('the checks can fail', () => {
  it('fsck reports a corrupted copy of one of our images (FAT #2 altered)', () => {
    const image = buildFloppyImage([{ name: 'a.txt', data: Buffer.from('a') }], { now: NOW });
    image[512 * 10 + 3] = 0x55; // second FAT, entry 2
    const r = runTool('fsck.vfat', ['-n', saveImage(image)]);
    expect(r.code).not.toBe(0);
    expect(parseFsck(r.stdout + r.stderr).clean).toBe(false);
  });
});
