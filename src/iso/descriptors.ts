/**
 * The volume descriptors (ECMA-119 8.4 primary, 8.5 supplementary, 8.3 terminator) and the path tables (6.9): the
 * primary one for ISO 9660 readers, the supplementary one with escape sequence `%/E` (UCS-2 level 3) that makes it
 * the Joliet tree (Joliet specification, "Supplementary Volume Descriptor").
 */
import { both16, both32, volumeDate } from './both-endian.js';
import { SECTOR } from './directory.js';

export interface VolumeInput {
  kind: 'primary' | 'joliet';
  /** The volume identifier (primary: d-characters, ≤ 32; Joliet: ≤ 16 UCS-2 characters). */
  volumeId: string;
  totalSectors: number;
  pathTableSize: number;
  lPathTable: number;
  mPathTable: number;
  /** The 34-byte root directory record. */
  rootRecord: Buffer;
  date: Date;
}

function text(buf: Buffer, offset: number, length: number, value: string, joliet: boolean): void {
  if (joliet) {
    const chars = Math.floor(length / 2);
    buf.set(Buffer.from(value.slice(0, chars).padEnd(chars, ' '), 'utf16le').swap16(), offset);
    if (length % 2 === 1) buf[offset + length - 1] = 0x20;
  } else {
    buf.write(value.slice(0, length).padEnd(length, ' '), offset, 'latin1');
  }
}

export function volumeDescriptor(v: VolumeInput): Buffer {
  const joliet = v.kind === 'joliet';
  const buf = Buffer.alloc(SECTOR);
  buf[0] = joliet ? 2 : 1;
  buf.write('CD001', 1, 'latin1');
  buf[6] = 1;
  text(buf, 8, 32, '', joliet); // system identifier
  text(buf, 40, 32, v.volumeId, joliet);
  both32(buf, 80, v.totalSectors);
  if (joliet) buf.write('%/E', 88, 'latin1'); // UCS-2 level 3
  both16(buf, 120, 1); // volume set size
  both16(buf, 124, 1); // volume sequence number
  both16(buf, 128, SECTOR);
  both32(buf, 132, v.pathTableSize);
  buf.writeUInt32LE(v.lPathTable, 140);
  buf.writeUInt32BE(v.mPathTable, 148);
  v.rootRecord.copy(buf, 156);
  text(buf, 190, 128, '', joliet); // volume set
  text(buf, 318, 128, '', joliet); // publisher
  text(buf, 446, 128, '', joliet); // data preparer
  text(buf, 574, 128, joliet ? 'OVIRT-FLOPPY' : 'OVIRT_FLOPPY', joliet); // application
  text(buf, 702, 37, '', joliet);
  text(buf, 739, 37, '', joliet);
  text(buf, 776, 37, '', joliet);
  volumeDate(buf, 813, v.date); // creation
  volumeDate(buf, 830, v.date); // modification
  volumeDate(buf, 847, undefined); // expiration: none
  volumeDate(buf, 864, undefined); // effective: at once
  buf[881] = 1; // file structure version
  return buf;
}

export function terminator(): Buffer {
  const buf = Buffer.alloc(SECTOR);
  buf[0] = 255;
  buf.write('CD001', 1, 'latin1');
  buf[6] = 1;
  return buf;
}

/** The path table of a volume with only the root (ECMA-119 9.4): one 10-byte record, in one byte order. */
export function rootPathTable(rootExtent: number, order: 'L' | 'M'): Buffer {
  const buf = Buffer.alloc(10);
  buf[0] = 1; // identifier length
  buf[1] = 0;
  if (order === 'L') {
    buf.writeUInt32LE(rootExtent, 2);
    buf.writeUInt16LE(1, 6);
  } else {
    buf.writeUInt32BE(rootExtent, 2);
    buf.writeUInt16BE(1, 6);
  }
  buf[8] = 0; // the root's identifier is 0x00
  return buf;
}

export const ROOT_PATH_TABLE_SIZE = 10;
