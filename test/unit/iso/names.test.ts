import { describe, expect, it } from 'vitest';
import { isoLabelProblems, normalizeIsoLabel } from '../../../src/iso/label.js';
import { JOLIET_NAME_MAX, isoNameProblems, jolietIdentifier, primaryNames } from '../../../src/iso/names.js';
import { compareIdentifiers } from '../../../src/iso/sort.js';

describe('isoNameProblems', () => {
  it('accepts long, mixed-case, spaced, many-dotted and non-ASCII names up to 64 characters', () => {
    for (const name of ['Autounattend.xml', 'a b.c.d.e', 'ÄÖÜ ß.txt', '.hidden', 'x'.repeat(JOLIET_NAME_MAX)]) {
      expect(isoNameProblems(name), name).toEqual([]);
    }
  });

  it('refuses 65 characters, naming the length and the limit', () => {
    expect(isoNameProblems(`${'x'.repeat(61)}.xml`)).toEqual([
      'is 65 characters long; Joliet names hold at most 64 (it would be cut, and Windows Setup would not find it)',
    ]);
  });

  it('refuses separators, Joliet-forbidden characters, control characters, ".", ".." and the empty name', () => {
    expect(isoNameProblems('sub/a.xml')).toEqual([
      'contains a directory separator: only files at the root of the ISO are supported (Windows Setup reads the root)',
    ]);
    expect(isoNameProblems('a\\b')[0]).toMatch(/directory separator/);
    expect(isoNameProblems('a*b:c;d?e.txt')).toEqual([`contains '*' ':' ';' '?'; Joliet names cannot hold any of * / : ; ? \\`]);
    expect(isoNameProblems('a\tb\u0001.txt')[0]).toMatch(/^contains control characters /);
    expect(isoNameProblems('a\u007f')[0]).toMatch(/^contains control character /);
    expect(isoNameProblems('😀.txt')).toEqual(['contains a character outside the Basic Multilingual Plane; Joliet holds UCS-2 only']);
    expect(isoNameProblems('.')).toEqual(['is "." or ".."']);
    expect(isoNameProblems('..')).toEqual(['is "." or ".."']);
    expect(isoNameProblems('')).toEqual(['the name is empty']);
  });
});

describe('primaryNames (ISO 9660 level 1)', () => {
  it('uppercases, maps other characters to "_", cuts to 8.3 and adds the version', () => {
    expect(primaryNames(['Autounattend.xml', 'sysprep.inf', 'a b-c.tar.gz', 'README', '.hidden', 'x.'])).toEqual([
      'AUTOUNAT.XML;1',
      'SYSPREP.INF;1',
      'A_B_C_TA.GZ;1',
      'README.;1',
      '_HIDDEN.;1',
      'X.;1',
    ]);
  });

  it('numbers clashes at the end of the base, keeping every name unique in the directory', () => {
    const names = [
      'Autounattend.xml',
      'AutounattendX.xml',
      'autounattend-2.xml',
      ...Array.from({ length: 12 }, (_, i) => `Autounattend ${i}.xml`),
    ];
    const primary = primaryNames(names);
    expect(primary.slice(0, 3)).toEqual(['AUTOUNAT.XML;1', 'AUTOUNA1.XML;1', 'AUTOUNA2.XML;1']);
    expect(primary).toContain('AUTOUN10.XML;1');
    expect(new Set(primary).size).toBe(names.length);
    for (const p of primary) expect(p).toMatch(/^[A-Z0-9_]{1,8}\.[A-Z0-9_]{0,3};1$/);
  });

  it('a numbered name never takes one a later file would get naturally', () => {
    expect(primaryNames(['a b.txt', 'a_b.txt', 'A_B1.txt'])).toEqual(['A_B.TXT;1', 'A_B1.TXT;1', 'A_B11.TXT;1']);
  });
});

describe('jolietIdentifier', () => {
  it('is the exact name with ";1" in UCS-2 big-endian', () => {
    expect(jolietIdentifier('Aß')).toEqual(Buffer.from([0x00, 0x41, 0x00, 0xdf, 0x00, 0x3b, 0x00, 0x31]));
  });
});

describe('compareIdentifiers (ECMA-119 9.3)', () => {
  it('a shorter name or extension comes first, as if padded with spaces', () => {
    const sorted = ['X.B1;1', 'AB0.;1', 'X.B;1', 'AB.;1', 'A.Z;1', 'A_.A;1'].sort(compareIdentifiers);
    expect(sorted).toEqual(['A.Z;1', 'AB.;1', 'AB0.;1', 'A_.A;1', 'X.B;1', 'X.B1;1']);
  });

  it('orders Joliet names by UCS-2 code unit, case-sensitively', () => {
    expect(['b.txt;1', 'a.txt;1', 'B.txt;1', 'a b.txt;1', 'a.txt1;1'].sort(compareIdentifiers)).toEqual([
      'B.txt;1',
      'a.txt;1',
      'a.txt1;1',
      'a b.txt;1',
      'b.txt;1',
    ]);
  });
});

describe('the ISO label', () => {
  it('defaults to PAYLOAD and is uppercased', () => {
    expect(normalizeIsoLabel(undefined)).toBe('PAYLOAD');
    expect(normalizeIsoLabel('vm01_a')).toBe('VM01_A');
    expect(isoLabelProblems('vm01_a')).toEqual([]);
    expect(isoLabelProblems('X'.repeat(16))).toEqual([]);
  });

  it('refuses the empty label, characters outside d-characters and more than 16 (the Joliet volume identifier)', () => {
    expect(isoLabelProblems('')).toEqual(['label: empty; leave --label out for the default PAYLOAD']);
    expect(isoLabelProblems('vm-01 a')).toEqual(['label "vm-01 a": only letters, digits and "_" (ISO 9660 d-characters)']);
    expect(isoLabelProblems('X'.repeat(17))).toEqual([
      `label "${'X'.repeat(17)}": 17 characters; at most 16 (the Joliet volume identifier)`,
    ]);
  });
});
