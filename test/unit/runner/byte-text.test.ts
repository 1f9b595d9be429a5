import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes, encodeText } from '../../../src/runner/byte-text.js';

describe('decodeBytes / encodeText (surrogateescape)', () => {
  it('decodes valid UTF-8 as usual', () => {
    expect(decodeBytes(Buffer.from('Jürgen ✓ 𝄞'))).toBe('Jürgen ✓ 𝄞');
  });

  it('keeps a Latin-1 byte as U+DC00+byte and writes it back as that byte', () => {
    const bytes = Buffer.from([0x4a, 0xfc, 0x72, 0x0a]);
    const text = decodeBytes(bytes);
    expect(text).toBe('J\udcfcr\n');
    expect(encodeText(text).equals(bytes)).toBe(true);
  });

  it('escapes overlong forms, UTF-16 surrogates in UTF-8 and truncated sequences byte by byte', () => {
    for (const bytes of [
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xe2, 0x82],
      [0xf4, 0x90, 0x80, 0x80],
    ]) {
      const text = decodeBytes(Buffer.from(bytes));
      expect([...text].map((c) => c.charCodeAt(0) - 0xdc00)).toEqual(bytes);
    }
  });

  it('round-trips any byte string (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => encodeText(decodeBytes(bytes)).equals(Buffer.from(bytes))));
  });

  it('round-trips any well-formed string (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (s) => decodeBytes(encodeText(s)) === s));
  });
});
