import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { buildIsoImage, type IsoFile } from '../../../src/iso/build.js';
import { compareIdentifiers } from '../../../src/iso/sort.js';
import { SECTOR, jolietText, readDirectory, readVolume } from './iso-read.js';

const now = new Date('2026-12-01T10:20:30Z');
const file = (name: string, size: number, seed = 1): IsoFile => {
  const data = Buffer.alloc(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size; i += 1) {
    x = (x ^ (x << 13) ^ (x >>> 17) ^ (x << 5)) >>> 0;
    data[i] = x & 0xff;
  }
  return { name, data };
};

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return e as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('buildIsoImage layout', () => {
  const files = [file('Autounattend.xml', 700), file('empty.txt', 0), file('big.bin', 3 * SECTOR + 5, 2), file('x.b1', 1), file('x.b', 1)];
  const built = buildIsoImage(files, { now, label: 'vm01' });
  const image = built.image;
  const primary = readVolume(image, 16);
  const joliet = readVolume(image, 17);

  it('primary, Joliet (UCS-2 level 3) and terminator descriptors; volume space size = the image', () => {
    expect(image.length % SECTOR).toBe(0);
    expect(image.subarray(0, 16 * SECTOR).equals(Buffer.alloc(16 * SECTOR))).toBe(true);
    expect([primary.type, joliet.type, image[18 * SECTOR]]).toEqual([1, 2, 255]);
    for (const s of [16, 17, 18]) expect(image.subarray(s * SECTOR + 1, s * SECTOR + 6).toString('latin1')).toBe('CD001');
    expect(joliet.escapes).toBe('%/E');
    expect([primary.volumeId, joliet.volumeId, built.label]).toEqual(['VM01', 'VM01', 'VM01']);
    expect([primary.volumeSpaceSize, joliet.volumeSpaceSize]).toEqual([image.length / SECTOR, image.length / SECTOR]);
    expect([primary.blockSize, joliet.blockSize]).toEqual([SECTOR, SECTOR]);
  });

  it('each tree has L and M path tables holding its root', () => {
    for (const v of [primary, joliet]) {
      expect(v.pathTableSize).toBe(10);
      expect(image.readUInt32LE(v.lPathTable * SECTOR + 2)).toBe(v.root.extent);
      expect(image.readUInt32BE(v.mPathTable * SECTOR + 2)).toBe(v.root.extent);
      expect(image.readUInt16LE(v.lPathTable * SECTOR + 6)).toBe(1);
    }
  });

  it('records sorted by identifier (a shorter extension first); both trees point at the same data', () => {
    const p = readDirectory(image, primary.root.extent, primary.root.size).slice(2);
    const j = readDirectory(image, joliet.root.extent, joliet.root.size).slice(2);
    expect(p.map((r) => r.identifier.toString('latin1'))).toEqual(['AUTOUNAT.XML;1', 'BIG.BIN;1', 'EMPTY.TXT;1', 'X.B;1', 'X.B1;1']);
    expect(j.map((r) => jolietText(r.identifier))).toEqual(['Autounattend.xml;1', 'big.bin;1', 'empty.txt;1', 'x.b;1', 'x.b1;1']);
    expect(p.map((r) => [r.extent, r.size])).toEqual(j.map((r) => [r.extent, r.size]));
    for (const f of files) {
      const r = j.find((x) => jolietText(x.identifier) === `${f.name};1`)!;
      expect(image.subarray(r.extent * SECTOR, r.extent * SECTOR + r.size).equals(f.data), f.name).toBe(true);
    }
  });

  it('an empty file has extent 0 and size 0, as genisoimage writes it; a big one spans sectors', () => {
    const j = readDirectory(image, joliet.root.extent, joliet.root.size).slice(2);
    expect(j.find((r) => jolietText(r.identifier) === 'empty.txt;1')).toMatchObject({ extent: 0, size: 0 });
    expect(j.find((r) => jolietText(r.identifier) === 'big.bin;1')).toMatchObject({ size: 3 * SECTOR + 5 });
  });

  it('describes what it holds', () => {
    expect(built.files).toEqual([
      { name: 'Autounattend.xml', primaryName: 'AUTOUNAT.XML;1', size: 700 },
      { name: 'empty.txt', primaryName: 'EMPTY.TXT;1', size: 0 },
      { name: 'big.bin', primaryName: 'BIG.BIN;1', size: 3 * SECTOR + 5 },
      { name: 'x.b1', primaryName: 'X.B1;1', size: 1 },
      { name: 'x.b', primaryName: 'X.B;1', size: 1 },
    ]);
  });
});

describe('a root of several sectors', () => {
  const names = Array.from({ length: 60 }, (_, i) => `${String(i).padStart(2, '0')} ${'long name '.repeat(5)}.xml`);
  const built = buildIsoImage(
    names.map((n, i) => file(n, i * 37, i + 3)),
    { now },
  );
  const joliet = readVolume(built.image, 17);
  const primary = readVolume(built.image, 16);

  it('spans sectors, never splits a record across a sector boundary, and keeps every file in order', () => {
    expect(joliet.root.size).toBeGreaterThan(2 * SECTOR);
    expect(joliet.root.size % SECTOR).toBe(0);
    for (const v of [primary, joliet]) {
      const records = readDirectory(built.image, v.root.extent, v.root.size);
      expect(records).toHaveLength(62);
      for (const r of records) {
        const length = built.image[r.offset]!;
        expect(Math.floor(r.offset / SECTOR), 'record crosses a sector').toBe(Math.floor((r.offset + length - 1) / SECTOR));
      }
      const ids = records.slice(2).map((r) => (v === joliet ? jolietText(r.identifier) : r.identifier.toString('latin1')));
      expect(ids).toEqual([...ids].sort(compareIdentifiers));
    }
    // `.` and `..` of each root say its real size.
    const dot = readDirectory(built.image, joliet.root.extent, joliet.root.size)[0]!;
    expect([dot.extent, dot.size, dot.directory]).toEqual([joliet.root.extent, joliet.root.size, true]);
  });
});

describe('determinism', () => {
  it('the same files, dates and label give the same bytes', () => {
    const make = () => buildIsoImage([file('a.xml', 5000), file('b', 0)], { now, label: 'x' }).image;
    expect(make().equals(make())).toBe(true);
    const later = buildIsoImage([file('a.xml', 5000), file('b', 0)], { now: new Date(now.getTime() + 1000), label: 'x' }).image;
    expect(later.equals(make())).toBe(false);
  });
});

describe('problems: one UsageError listing every one', () => {
  it('no files', () => {
    expect(usageError(() => buildIsoImage([], { now })).message).toBe(
      'cannot build the ISO image (1 problem):\n  - no files given: an empty ISO carries no payload',
    );
  });

  it('names, a case-only duplicate, the label and dates, all at once', () => {
    const err = usageError(() =>
      buildIsoImage(
        [file('a.xml', 1), file('A.XML', 1), file('sub/x', 1), { ...file('old', 1), mtime: new Date('1850-01-01T00:00:00Z') }],
        {
          now: new Date('2200-01-01T00:00:00Z'),
          label: 'bad-label',
        },
      ),
    );
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe(
      [
        'cannot build the ISO image (5 problems):',
        '  - "A.XML": the same name as "a.xml" (names are compared without case)',
        '  - "sub/x": contains a directory separator: only files at the root of the ISO are supported (Windows Setup reads the root)',
        '  - label "bad-label": only letters, digits and "_" (ISO 9660 d-characters)',
        '  - option now: 2200-01-01T00:00:00.000Z: ISO 9660 dates run from 1900 to 2155',
        '  - "old": modified 1850-01-01T00:00:00.000Z: ISO 9660 dates run from 1900 to 2155',
      ].join('\n'),
    );
  });
});
