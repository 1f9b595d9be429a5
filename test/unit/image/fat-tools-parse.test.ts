// The parsers the image tests rely on, proved against real mtools 4.0.32 / fsck.fat 4.2 output captured from
// images made by mformat + mcopy (test/fixtures/outputs/image/).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFsck, parseMdir, parseMdirBare, parseMinfo } from './fat-tools.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/outputs/image/${name}`, import.meta.url), 'utf8');

describe('parseMdir', () => {
  it('reads label, serial, entries with and without long names, and the summary', () => {
    const l = parseMdir(fixture('mdir-mformat-mixed.txt'));
    expect(l.label).toBe('PAYLOAD');
    expect(l.serial).toBe('7175-DACA');
    expect(l.entries).toHaveLength(8);
    expect(l.entries[0]).toEqual({
      shortName: 'AUTOUN~1.XML',
      size: 700,
      date: '2026-11-25',
      time: '4:50',
      longName: 'Autounattend.xml',
    });
    expect(l.entries.find((e) => e.shortName === 'AB~1.TXT')?.longName).toBe('a b.txt');
    // mcopy stores all-lowercase 8.3 names with the NT lowercase flags and no long name.
    expect(l.entries.find((e) => e.shortName === 'empty.txt')).toMatchObject({ size: 0, longName: undefined });
    expect(l.entries.find((e) => e.shortName === 'README.TXT')?.longName).toBeUndefined();
    expect(l.fileCount).toBe(8);
    expect(l.totalBytes).toBe(711);
    expect(l.freeBytes).toBe(1_453_568);
    expect(l.entries.reduce((n, e) => n + e.size, 0)).toBe(l.totalBytes);
  });

  it('reads an empty labelled disk', () => {
    const l = parseMdir(fixture('mdir-empty.txt'));
    expect(l).toMatchObject({ label: 'EMPTYLBL', entries: [], fileCount: 0, totalBytes: 0, freeBytes: 1_457_664 });
  });

  it('reads a full disk: a 7-digit size and a 24-hour time', () => {
    const l = parseMdir(fixture('mdir-full.txt'));
    expect(l.label).toBeUndefined();
    expect(l.entries).toEqual([{ shortName: 'full.bin', size: 1_457_664, date: '2023-07-09', time: '16:05', longName: undefined }]);
    expect(l).toMatchObject({ fileCount: 1, totalBytes: 1_457_664, freeBytes: 0 });
  });

  it('refuses what is not mdir output', () => {
    expect(() => parseMdir("Can't open x: No such file or directory\nCannot initialize '::'\n")).toThrow(/not mdir/);
  });
});

describe('parseMdirBare', () => {
  it('lists long names where present, else the (case-flagged) short name', () => {
    expect(parseMdirBare(fixture('mdir-b-mformat-mixed.txt'))).toEqual([
      'Autounattend.xml',
      'Unattend.xml',
      'unattend-for-win10-desktop-01.xml',
      'unattend-for-win10-desktop-02.xml',
      'a b.txt',
      'empty.txt',
      'readme2.txt',
      'README.TXT',
    ]);
  });
});

describe('parseFsck', () => {
  it('accepts clean output', () => {
    expect(parseFsck(fixture('fsck-clean.txt'))).toEqual({
      clean: true,
      files: 9,
      usedClusters: 8,
      totalClusters: 2847,
      complaints: [],
    });
  });

  it('flags differing FATs', () => {
    const r = parseFsck(fixture('fsck-fats-differ.txt'));
    expect(r.clean).toBe(false);
    expect(r.complaints).toContain('FATs differ but appear to be intact.');
  });

  it('flags a size that does not match the cluster chain', () => {
    const r = parseFsck(fixture('fsck-size-mismatch.txt'));
    expect(r.clean).toBe(false);
    expect(r.complaints.join('\n')).toMatch(/File size is 4096 bytes, cluster chain length is 512 bytes/);
  });
});

describe('parseMinfo', () => {
  it('reads the boot-sector fields', () => {
    const f = parseMinfo(fixture('minfo-mformat.txt'));
    expect(f.get('disk label')).toBe('PAYLOAD    ');
    expect(f.get('serial number')).toBe('7175DACA');
    expect(f.get('disk type')).toBe('FAT12   ');
    expect(f.get('media descriptor byte')).toBe('0xf0');
    expect(f.get('max available root directory slots')).toBe('224');
    expect(f.get('small size')).toBe('2880 sectors');
  });
});
