import { describe, expect, it } from 'vitest';
import { toFatTimestamp } from '../../../src/image/fat-time.js';

describe('toFatTimestamp (fatgen103 p.25–26)', () => {
  it('encodes date and time fields from local time', () => {
    const t = toFatTimestamp(new Date(2023, 6, 9, 16, 5, 7, 590));
    expect(t.date).toBe(((2023 - 1980) << 9) | (7 << 5) | 9);
    expect(t.time).toBe((16 << 11) | (5 << 5) | 3); // 7 s → 3 two-second units
    expect(t.tenths).toBe(100 + 59); // the odd second and 590 ms in hundredths
  });

  it('matches the bytes mcopy wrote for 2026-11-25 04:50 (0x5D79 / 0x2657 in the fixture image)', () => {
    // From a root entry mtools wrote: WrtTime 0x2657, WrtDate 0x5D79.
    const t = toFatTimestamp(new Date(2026, 10, 25, 4, 50, 46));
    expect(t.date).toBe(0x5d79);
    expect(t.time).toBe(0x2657);
  });

  it('clamps dates FAT cannot hold instead of wrapping', () => {
    expect(toFatTimestamp(new Date(1970, 0, 1))).toEqual({ date: (1 << 5) | 1, time: 0, tenths: 0 });
    const max = toFatTimestamp(new Date(2200, 0, 1));
    expect(max.date).toBe((127 << 9) | (12 << 5) | 31);
    expect(max.time).toBe((23 << 11) | (59 << 5) | 29);
  });

  it('refuses an invalid date', () => {
    expect(() => toFatTimestamp(new Date('nope'))).toThrow(RangeError);
  });
});
