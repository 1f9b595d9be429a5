/**
 * ISO 9660's number and date encodings (ECMA-119 §7 and §8.4.26.1, §9.1.5): most numbers are stored twice,
 * little-endian then big-endian ("both-byte orders"), so either kind of machine reads them directly.
 */

/** A 32-bit number, both byte orders (ECMA-119 7.3.3). */
export function both32(buf: Buffer, offset: number, value: number): void {
  buf.writeUInt32LE(value, offset);
  buf.writeUInt32BE(value, offset + 4);
}

/** A 16-bit number, both byte orders (ECMA-119 7.2.3). */
export function both16(buf: Buffer, offset: number, value: number): void {
  buf.writeUInt16LE(value, offset);
  buf.writeUInt16BE(value, offset + 2);
}

/** Why `date` cannot be recorded, if it cannot: a record keeps the year as one byte after 1900 (ECMA-119 9.1.5). */
export function recordDateProblem(date: Date): string | undefined {
  if (Number.isNaN(date.getTime())) return 'not a valid date';
  const year = date.getUTCFullYear();
  return year < 1900 || year > 2155 ? `${date.toISOString()}: ISO 9660 dates run from 1900 to 2155` : undefined;
}

/** The 7-byte date of a directory record (ECMA-119 9.1.5), in UTC (offset 0). */
export function recordDate(buf: Buffer, offset: number, date: Date): void {
  buf[offset] = date.getUTCFullYear() - 1900;
  buf[offset + 1] = date.getUTCMonth() + 1;
  buf[offset + 2] = date.getUTCDate();
  buf[offset + 3] = date.getUTCHours();
  buf[offset + 4] = date.getUTCMinutes();
  buf[offset + 5] = date.getUTCSeconds();
  buf[offset + 6] = 0;
}

/** The 17-byte date of a volume descriptor (ECMA-119 8.4.26.1): "YYYYMMDDHHMMSScc" digits and a zone byte (UTC). */
export function volumeDate(buf: Buffer, offset: number, date: Date | undefined): void {
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  const text = date
    ? `${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1, 2)}${p(date.getUTCDate(), 2)}` +
      `${p(date.getUTCHours(), 2)}${p(date.getUTCMinutes(), 2)}${p(date.getUTCSeconds(), 2)}00`
    : '0000000000000000';
  buf.write(text, offset, 'latin1');
  buf[offset + 16] = 0;
}
