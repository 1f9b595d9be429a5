// Short names, long-name entries, name rules and labels. Expected short names and checksums come from a real
// mcopy-written root directory (mtools 4.0.32), see test/fixtures/outputs/image/mdir-mformat-mixed.txt.
import { describe, expect, it } from 'vitest';
import { fileNameProblems, nameKey } from '../../../src/image/file-name-rules.js';
import { buildLongNameEntries, longNameEntryCount, shortNameChecksum } from '../../../src/image/long-name.js';
import { assignShortNames, displayShortName, exactShortName } from '../../../src/image/short-name.js';
import { normalizeLabel } from '../../../src/image/volume-label.js';

const shorts = (names: string[]): string[] => assignShortNames(names).map(displayShortName);

describe('short names', () => {
  it('keeps valid 8.3 names (uppercased) without a tail', () => {
    expect(exactShortName('README.TXT')).toBe('README  TXT');
    expect(exactShortName('Unattend.xml')).toBe('UNATTENDXML');
    expect(exactShortName('A')).toBe('A          ');
    expect(exactShortName("$%'-_@~`.!(){")).toBeUndefined(); // too long
    expect(exactShortName("$%'-_@~`.!()")).toBe("$%'-_@~`!()");
  });

  it('is not fooled by characters that uppercase into ASCII or that 8.3 forbids', () => {
    for (const n of ['ıx.txt', 'a+b.txt', 'a b.txt', 'a.b.c', '.profile', 'abcdefghi.txt', 'a.text', 'x=1']) {
      expect(exactShortName(n), n).toBeUndefined();
    }
  });

  it('generates basis name + numeric tail like Windows and mtools', () => {
    expect(
      shorts(['Autounattend.xml', 'unattend-for-win10-desktop-01.xml', 'unattend-for-win10-desktop-02.xml', 'a b.txt', 'Unattend.xml']),
    ).toEqual(['AUTOUN~1.XML', 'UNATTE~1.XML', 'UNATTE~2.XML', 'AB~1.TXT', 'UNATTEND.XML']);
  });

  it('drops leading and embedded periods, maps illegal characters to _, truncates the extension', () => {
    expect(shorts(['.profile', 'archive.tar.gz', 'a+b=c[1].txt', 'notes.markdown', 'Ünattend.xml'])).toEqual([
      'PROFIL~1',
      'ARCHIV~1.GZ',
      'A_B_C_~1.TXT',
      'NOTES~1.MAR',
      '_NATTE~1.XML',
    ]);
  });

  it('lets literal 8.3 names keep their name, whatever the order', () => {
    expect(shorts(['Autounattend.xml', 'AUTOUN~1.XML'])).toEqual(['AUTOUN~2.XML', 'AUTOUN~1.XML']);
    expect(shorts(['AUTOUN~1.XML', 'Autounattend.xml'])).toEqual(['AUTOUN~1.XML', 'AUTOUN~2.XML']);
  });

  it('shortens the basis as the tail grows past ~9', () => {
    const names = Array.from({ length: 12 }, (_, i) => `longfilename-${i}.txt`);
    const got = shorts(names);
    expect(got[0]).toBe('LONGFI~1.TXT');
    expect(got[8]).toBe('LONGFI~9.TXT');
    expect(got[9]).toBe('LONGF~10.TXT');
    expect(new Set(got).size).toBe(12);
  });
});

describe('long-name entries (fatgen103 p.26–28)', () => {
  it('checksums equal the ones mcopy wrote', () => {
    expect(shortNameChecksum('AUTOUN~1XML')).toBe(0xab);
    expect(shortNameChecksum('UNATTENDXML')).toBe(0x05);
    expect(shortNameChecksum('UNATTE~1XML')).toBe(0x66);
    expect(shortNameChecksum('UNATTE~2XML')).toBe(0xc6);
    expect(shortNameChecksum('AB~1    TXT')).toBe(0xec);
  });

  it('splits into 13-character UCS-2 entries, last one first with 0x40, 0x0000 then 0xFFFF padding', () => {
    // Bytes as mcopy wrote them for Autounattend.xml (root directory offset 0x20 of the fixture image).
    const [second, first] = buildLongNameEntries('Autounattend.xml', 'AUTOUN~1XML');
    expect(second?.toString('hex')).toBe(
      '42' + '7800' + '6d00' + '6c00' + '0000' + 'ffff' + '0f' + '00' + 'ab' + 'ffff'.repeat(6) + '0000' + 'ffff'.repeat(2),
    );
    expect(first?.toString('hex')).toBe(
      '01' +
        '4100' +
        '7500' +
        '7400' +
        '6f00' +
        '7500' +
        '0f' +
        '00' +
        'ab' +
        '6e00' +
        '6100' +
        '7400' +
        '7400' +
        '6500' +
        '6e00' +
        '0000' +
        '6400' +
        '2e00',
    );
  });

  it('a name of exactly 13 characters has no terminator; 14 needs a second entry', () => {
    expect(longNameEntryCount('exactly13.xml')).toBe(1);
    const [only] = buildLongNameEntries('exactly13.xml', 'EXACTL~1XML');
    expect(only?.[0]).toBe(0x41);
    expect(only?.readUInt16LE(30)).toBe('l'.charCodeAt(0));
    expect(longNameEntryCount('exactly-14.xml')).toBe(2);
    expect(longNameEntryCount('x'.repeat(255))).toBe(20);
  });

  it('stores non-ASCII BMP characters as UCS-2 little endian', () => {
    const [e] = buildLongNameEntries('Ü.xml', '__~1    XML');
    expect(e?.readUInt16LE(1)).toBe(0x00dc);
  });
});

describe('fileNameProblems', () => {
  it('accepts ordinary answer-file names', () => {
    for (const n of ['Autounattend.xml', 'unattend.xml', 'sysprep.inf', 'My Answer File.xml', 'Ünattend.xml', 'a+b=c.txt']) {
      expect(fileNameProblems(n), n).toEqual([]);
    }
  });

  it('names each reason', () => {
    expect(fileNameProblems('')).toEqual(['the name is empty']);
    expect(fileNameProblems('dir/Unattend.xml')[0]).toMatch(/directory separator: only files at the root/);
    expect(fileNameProblems('a\\b')[0]).toMatch(/directory separator/);
    expect(fileNameProblems('a:b?c*.xml')[0]).toMatch(/contains ':' '\?' '\*'; FAT names cannot hold any of/);
    expect(fileNameProblems('tab\there')[0]).toMatch(/control character U\+0009/);
    expect(fileNameProblems('smile😀.xml')[0]).toMatch(/U\+1F600, outside the Basic Multilingual Plane/);
    expect(fileNameProblems('bad\ud800.xml')[0]).toMatch(/unpaired UTF-16 surrogate/);
    expect(fileNameProblems('trailing.')[0]).toMatch(/ends with a dot or a space/);
    expect(fileNameProblems('trailing ')[0]).toMatch(/ends with a dot or a space/);
    expect(fileNameProblems('..')[0]).toMatch(/ends with a dot/);
    expect(fileNameProblems('x'.repeat(256))[0]).toMatch(/256 UCS-2 characters long; .* at most 255/);
    expect(fileNameProblems('x'.repeat(255))).toEqual([]);
    expect(fileNameProblems('aux.xml')[0]).toMatch(/reserved Windows device name AUX/);
    expect(fileNameProblems('COM1')[0]).toMatch(/device name COM1/);
    expect(fileNameProblems('console.xml')).toEqual([]);
  });

  it('lists several problems of one name together', () => {
    expect(fileNameProblems('a:b\u0001.').length).toBe(3);
  });
});

describe('nameKey (case-insensitive comparison)', () => {
  it('folds case per character', () => {
    expect(nameKey('Unattend.xml')).toBe(nameKey('UNATTEND.XML'));
    expect(nameKey('Ünattend.xml')).toBe(nameKey('üNATTEND.XML'));
    expect(nameKey('straße')).not.toBe(nameKey('STRASSE'));
  });
});

describe('normalizeLabel', () => {
  it('uppercases and pads', () => {
    expect(normalizeLabel('sysprep')).toEqual({ ok: true, padded: 'SYSPREP    ' });
    expect(normalizeLabel('WIN 10 #1')).toEqual({ ok: true, padded: 'WIN 10 #1  ' });
    expect(normalizeLabel('ELEVENCHARS')).toEqual({ ok: true, padded: 'ELEVENCHARS' });
  });

  it('lists every problem (length, characters, leading space, empty)', () => {
    const r = normalizeLabel(' way.too:long*label');
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/starts with a space/);
    expect(problems.join('\n')).toMatch(/19 characters long; FAT allows at most 11/);
    expect(problems.join('\n')).toMatch(/contains '\.' ':' '\*'/);
    expect(normalizeLabel('')).toEqual({ ok: false, problems: ['is empty'] });
    expect(normalizeLabel('Ü').ok).toBe(false);
  });
});
