// Golden check of the boot sector: every BPB field at its fatgen103 offset, and the geometry bytes equal to what
// the two reference formatters (mformat -f 1440, mkfs.fat 1440) write.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BOOT_CODE_OFFSET, buildBootSector, NO_LABEL } from '../../../src/image/boot-sector.js';
import { buildFloppyImage } from '../../../src/image/build.js';
import { runTool } from './fat-tools.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ovirt-floppy-bpb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('buildBootSector', () => {
  const s = buildBootSector('PAYLOAD    ', 0xdeadbeef);

  it('has every BPB / extended BPB field of a 1.44 MB floppy at its offset', () => {
    expect([...s.subarray(0, 3)]).toEqual([0xeb, 0x3c, 0x90]); // jmp short 0x3E; nop
    expect(s.toString('latin1', 3, 11)).toBe('MSWIN4.1');
    expect(s.readUInt16LE(11)).toBe(512); // BPB_BytsPerSec
    expect(s[13]).toBe(1); // BPB_SecPerClus
    expect(s.readUInt16LE(14)).toBe(1); // BPB_RsvdSecCnt
    expect(s[16]).toBe(2); // BPB_NumFATs
    expect(s.readUInt16LE(17)).toBe(224); // BPB_RootEntCnt
    expect(s.readUInt16LE(19)).toBe(2880); // BPB_TotSec16
    expect(s[21]).toBe(0xf0); // BPB_Media
    expect(s.readUInt16LE(22)).toBe(9); // BPB_FATSz16
    expect(s.readUInt16LE(24)).toBe(18); // BPB_SecPerTrk
    expect(s.readUInt16LE(26)).toBe(2); // BPB_NumHeads
    expect(s.readUInt32LE(28)).toBe(0); // BPB_HiddSec
    expect(s.readUInt32LE(32)).toBe(0); // BPB_TotSec32
    expect(s[36]).toBe(0x00); // BS_DrvNum
    expect(s[37]).toBe(0); // BS_Reserved1
    expect(s[38]).toBe(0x29); // BS_BootSig
    expect(s.readUInt32LE(39)).toBe(0xdeadbeef); // BS_VolID
    expect(s.toString('latin1', 43, 54)).toBe('PAYLOAD    '); // BS_VolLab
    expect(s.toString('latin1', 54, 62)).toBe('FAT12   '); // BS_FilSysType
    expect([s[510], s[511]]).toEqual([0x55, 0xaa]);
    expect(s.length).toBe(512);
  });

  it('says NO NAME without a label', () => {
    expect(buildBootSector(undefined, 0).toString('latin1', 43, 54)).toBe(NO_LABEL);
  });

  it('has a boot stub whose jumps and message pointer land where they should', () => {
    expect(2 + (s[1] ?? 0)).toBe(BOOT_CODE_OFFSET); // EB 3C at 0: target = 0 + 2 + 0x3C
    const code = s.subarray(BOOT_CODE_OFFSET);
    expect(code[2]).toBe(0xbe); // mov si, imm16
    const message = code.readUInt16LE(3) - 0x7c00;
    expect(s.toString('latin1', message, message + 27)).toBe('This is not a bootable disk');
    const end = s.indexOf(0, message);
    expect(end).toBeLessThan(510);
    // jz at code+8 (+2 bytes) jumps forward 0x0b to "xor ah,ah; int 16h; int 19h"
    expect([code[8], code[9]]).toEqual([0x74, 0x0b]);
    expect([...code.subarray(10 + 0x0b, 10 + 0x0b + 6)]).toEqual([0x32, 0xe4, 0xcd, 0x16, 0xcd, 0x19]);
    // jmp back (-16) lands on lodsb
    expect([code[19], code[20]]).toEqual([0xeb, 0xf0]);
    expect(code[21 - 16]).toBe(0xac);
  });
});

describe('the geometry equals the reference formatters', () => {
  // Bytes 11…38: BPB_BytsPerSec through BS_BootSig. Serial, label, OEM name and boot code differ by design.
  const ours = buildFloppyImage([], { now: new Date(2024, 0, 1), serial: 1 }).subarray(0, 512);

  it('mformat -C -f 1440', () => {
    const img = path.join(dir, 'mformat.img');
    expect(runTool('mformat', ['-C', '-f', '1440', '-i', img, '::']).code).toBe(0);
    const theirs = readFileSync(img).subarray(0, 512);
    expect(ours.subarray(11, 39).toString('hex')).toBe(theirs.subarray(11, 39).toString('hex'));
    expect(ours.subarray(54, 62)).toEqual(theirs.subarray(54, 62));
  });

  it('mkfs.fat -C IMG 1440', () => {
    const img = path.join(dir, 'mkfs.img');
    const r = runTool('mkfs.fat', ['-C', img, '1440']);
    expect(r.code, r.stderr).toBe(0);
    const theirs = readFileSync(img).subarray(0, 512);
    expect(ours.subarray(11, 39).toString('hex')).toBe(theirs.subarray(11, 39).toString('hex'));
    // And the FATs start the same way: media byte, then end-of-chain.
    const theirFat = readFileSync(img).subarray(512, 515);
    expect([...theirFat]).toEqual([0xf0, 0xff, 0xff]);
  });
});
