import { describe, expect, it } from 'vitest';
import { buildFat12, FAT12_EOC, getFat12Entry, setFat12Entry } from '../../../src/image/fat12.js';
import { FAT_BYTES } from '../../../src/image/geometry.js';

describe('FAT12 packing (fatgen103 p.16–17)', () => {
  it('packs two entries into three bytes: even = low 12 bits, odd = high 12 bits', () => {
    const fat = Buffer.alloc(FAT_BYTES);
    setFat12Entry(fat, 2, 0xabc);
    setFat12Entry(fat, 3, 0x123);
    // entry 2 at byte 3 (low nibble of byte 4), entry 3 from the high nibble of byte 4
    expect([...fat.subarray(3, 6)]).toEqual([0xbc, 0x3a, 0x12]);
    expect(getFat12Entry(fat, 2)).toBe(0xabc);
    expect(getFat12Entry(fat, 3)).toBe(0x123);
  });

  it('setting one entry never disturbs its neighbours', () => {
    const fat = Buffer.alloc(FAT_BYTES);
    for (let n = 2; n < 2849; n++) setFat12Entry(fat, n, (n * 7) & 0xfff);
    setFat12Entry(fat, 100, 0xfff);
    setFat12Entry(fat, 101, 0x000);
    for (let n = 2; n < 2849; n++) {
      const want = n === 100 ? 0xfff : n === 101 ? 0 : (n * 7) & 0xfff;
      expect(getFat12Entry(fat, n)).toBe(want);
    }
  });

  it('refuses values and entries out of range', () => {
    const fat = Buffer.alloc(FAT_BYTES);
    expect(() => setFat12Entry(fat, 2, 0x1000)).toThrow(RangeError);
    expect(() => setFat12Entry(fat, 2849, 1)).toThrow(RangeError);
  });
});

describe('buildFat12', () => {
  it('starts with media byte + EOC (F0 FF FF), as mformat and mkfs.fat write', () => {
    expect([...buildFat12([]).subarray(0, 4)]).toEqual([0xf0, 0xff, 0xff, 0x00]);
  });

  it('chains each run contiguously and ends it with EOC; everything else free', () => {
    const fat = buildFat12([
      { first: 2, count: 3 },
      { first: 5, count: 1 },
      { first: 6, count: 2 },
    ]);
    expect([2, 3, 4, 5, 6, 7, 8].map((n) => getFat12Entry(fat, n))).toEqual([3, 4, FAT12_EOC, FAT12_EOC, 7, FAT12_EOC, 0]);
    expect(fat.length).toBe(9 * 512);
  });

  it('can mark the last cluster (2848) of the disk', () => {
    const fat = buildFat12([{ first: 2, count: 2847 }]);
    expect(getFat12Entry(fat, 2847)).toBe(2848);
    expect(getFat12Entry(fat, 2848)).toBe(FAT12_EOC);
  });
});
