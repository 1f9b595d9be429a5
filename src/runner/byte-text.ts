/**
 * Host files are bytes, not always UTF-8: an admin's `# Verantwortlich: Jürgen` saved in Latin-1 puts a lone
 * 0xFC into sshd_config. Decoding such output as UTF-8 turns the byte into U+FFFD, and writing the file back
 * would silently replace the admin's byte with three others. So probe output is decoded losslessly, the way
 * Python's `surrogateescape` does (PEP 383): every byte that is not part of a valid UTF-8 sequence becomes the
 * lone surrogate U+DC00+byte, which no valid UTF-8 text can contain, and `encodeText` turns it back into that
 * byte. Parsers see ordinary strings; a file the runner rewrites keeps every byte it did not mean to change.
 */
const strict = new TextDecoder('utf-8', { fatal: true });

/** Length of the valid UTF-8 sequence at `i`, or 0 when the byte there does not start one (RFC 3629 table). */
function sequenceLength(buf: Uint8Array, i: number): number {
  const b0 = buf[i]!;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < buf.length && buf[i + k]! >= lo && buf[i + k]! <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    // E0 needs A0.. (no overlong forms); ED stops at 9F (no UTF-16 surrogates).
    const [lo, hi] = b0 === 0xe0 ? [0xa0, 0xbf] : b0 === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const [lo, hi] = b0 === 0xf0 ? [0x90, 0xbf] : b0 === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** Bytes → string; invalid UTF-8 bytes become U+DC80..U+DCFF (surrogateescape). */
export function decodeBytes(buf: Uint8Array): string {
  try {
    return strict.decode(buf);
  } catch {
    const parts: string[] = [];
    let start = 0;
    let i = 0;
    while (i < buf.length) {
      const n = sequenceLength(buf, i);
      if (n > 0) {
        i += n;
        continue;
      }
      if (i > start) parts.push(strict.decode(buf.subarray(start, i)));
      parts.push(String.fromCharCode(0xdc00 + buf[i]!));
      i += 1;
      start = i;
    }
    if (i > start) parts.push(strict.decode(buf.subarray(start, i)));
    return parts.join('');
  }
}

/** String → bytes, the inverse of decodeBytes: an escaped lone surrogate U+DC80..U+DCFF becomes its byte again. */
export function encodeText(text: string): Buffer {
  if (!/[\udc80-\udcff]/.test(text)) return Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const paired = i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff;
    if (c >= 0xdc80 && c <= 0xdcff && !paired) {
      parts.push(Buffer.from(text.slice(start, i), 'utf8'), Buffer.from([c - 0xdc00]));
      start = i + 1;
    }
  }
  parts.push(Buffer.from(text.slice(start), 'utf8'));
  return Buffer.concat(parts);
}
