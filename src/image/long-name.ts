/**
 * VFAT long-name directory entries (fatgen103 p.26–28). A long name is split into runs of 13 UCS-2 characters,
 * one 32-byte entry each, stored *before* the short entry in reverse order: the entry with the highest sequence
 * number (flagged 0x40, "last long entry") comes first, sequence 1 sits directly above the short entry.
 *
 *   offset  0  LDIR_Ord        sequence number 1…20, | 0x40 on the last one
 *   offset  1  LDIR_Name1      characters 1–5
 *   offset 11  LDIR_Attr       0x0F (READ_ONLY|HIDDEN|SYSTEM|VOLUME_ID: old DOS skips the entry)
 *   offset 12  LDIR_Type       0
 *   offset 13  LDIR_Chksum     checksum of the 11-byte short name it belongs to
 *   offset 14  LDIR_Name2      characters 6–11
 *   offset 26  LDIR_FstClusLO  0
 *   offset 28  LDIR_Name3      characters 12–13
 *
 * The name is terminated by 0x0000 if it does not fill the last entry exactly; the rest is padded with 0xFFFF.
 */
import { DIR_ENTRY_BYTES } from './geometry.js';
import type { RawShortName } from './short-name.js';

export const ATTR_LONG_NAME = 0x0f;
const LAST_LONG_ENTRY = 0x40;
const CHARS_PER_ENTRY = 13;
/** Byte offsets of the 13 character slots inside one entry. */
const CHAR_SLOTS = [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30];

/** fatgen103 p.28 ChkSum(): rotate right by one bit, add the next byte, over the 11 raw short-name bytes. */
export function shortNameChecksum(raw: RawShortName): number {
  const bytes = Buffer.from(raw, 'latin1');
  if (bytes.length !== 11) throw new Error(`short name must be 11 bytes, got ${bytes.length}`);
  let sum = 0;
  for (const b of bytes) sum = (((sum & 1) << 7) + (sum >> 1) + b) & 0xff;
  return sum;
}

export function longNameEntryCount(name: string): number {
  return Math.ceil(name.length / CHARS_PER_ENTRY);
}

/** The long-name entries for `name`, in on-disk order (last sequence number first). */
export function buildLongNameEntries(name: string, shortName: RawShortName): Buffer[] {
  const count = longNameEntryCount(name);
  const checksum = shortNameChecksum(shortName);
  const units: number[] = [];
  for (let i = 0; i < name.length; i++) units.push(name.charCodeAt(i)); // UTF-16 code units = UCS-2 here (BMP only)
  if (units.length % CHARS_PER_ENTRY !== 0) units.push(0x0000);
  while (units.length < count * CHARS_PER_ENTRY) units.push(0xffff);

  const entries: Buffer[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const e = Buffer.alloc(DIR_ENTRY_BYTES);
    e.writeUInt8(seq === count ? seq | LAST_LONG_ENTRY : seq, 0);
    e.writeUInt8(ATTR_LONG_NAME, 11);
    e.writeUInt8(0, 12);
    e.writeUInt8(checksum, 13);
    e.writeUInt16LE(0, 26);
    CHAR_SLOTS.forEach((offset, k) => e.writeUInt16LE(units[(seq - 1) * CHARS_PER_ENTRY + k] ?? 0xffff, offset));
    entries.push(e);
  }
  return entries.reverse();
}
