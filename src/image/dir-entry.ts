/**
 * The 32-byte short directory entry (fatgen103 p.23–24):
 *
 *   offset  0  DIR_Name          11 bytes, 8.3 without the dot, space-padded
 *   offset 11  DIR_Attr          0x20 ARCHIVE for files, 0x08 VOLUME_ID for the label
 *   offset 12  DIR_NTRes         0 (we never use the NT lowercase flags: case lives in the long name)
 *   offset 13  DIR_CrtTimeTenth  0…199
 *   offset 14  DIR_CrtTime, 16 DIR_CrtDate, 18 DIR_LstAccDate
 *   offset 20  DIR_FstClusHI     0 on FAT12
 *   offset 22  DIR_WrtTime, 24 DIR_WrtDate
 *   offset 26  DIR_FstClusLO     first cluster, 0 for an empty file and for the label
 *   offset 28  DIR_FileSize
 */
import type { FatTimestamp } from './fat-time.js';
import { DIR_ENTRY_BYTES } from './geometry.js';
import type { RawShortName } from './short-name.js';

export const ATTR_VOLUME_ID = 0x08;
/** Set on every new or modified file, as DOS, Windows and mcopy do. */
export const ATTR_ARCHIVE = 0x20;

export interface ShortEntryFields {
  rawName: RawShortName;
  attr: number;
  firstCluster: number;
  size: number;
  written: FatTimestamp;
}

export function buildShortEntry(f: ShortEntryFields): Buffer {
  const e = Buffer.alloc(DIR_ENTRY_BYTES);
  if (Buffer.byteLength(f.rawName, 'latin1') !== 11) throw new Error(`short name must be 11 bytes: ${f.rawName}`);
  e.write(f.rawName, 0, 11, 'latin1');
  e.writeUInt8(f.attr, 11);
  e.writeUInt8(0, 12);
  // One instant (the source file's mtime) for creation, last access and last write: a fresh copy, as mcopy -m.
  e.writeUInt8(f.written.tenths, 13);
  e.writeUInt16LE(f.written.time, 14);
  e.writeUInt16LE(f.written.date, 16);
  e.writeUInt16LE(f.written.date, 18);
  e.writeUInt16LE(0, 20);
  e.writeUInt16LE(f.written.time, 22);
  e.writeUInt16LE(f.written.date, 24);
  e.writeUInt16LE(f.firstCluster, 26);
  e.writeUInt32LE(f.size, 28);
  return e;
}
