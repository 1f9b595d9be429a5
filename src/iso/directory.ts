/**
 * Directory records and the root directory extent (ECMA-119 9.1, 6.8.1). The root holds `.` and `..` (identifiers
 * 0x00 and 0x01, both the root itself) and then one record per file, sorted by identifier (ECMA-119 9.3). A record
 * never crosses a sector boundary (6.8.1.1): the rest of the sector is zero-filled and the record starts the next.
 */
import { both16, both32, recordDate } from './both-endian.js';

export const SECTOR = 2048;
const FLAG_DIRECTORY = 0x02;

export interface RecordInput {
  identifier: Buffer;
  extent: number;
  size: number;
  date: Date;
  directory?: boolean;
}

/** One directory record: 33 bytes + identifier, padded to an even length (ECMA-119 9.1.12). */
export function directoryRecord(r: RecordInput): Buffer {
  const length = 33 + r.identifier.length + (r.identifier.length % 2 === 0 ? 1 : 0);
  const buf = Buffer.alloc(length);
  buf[0] = length;
  buf[1] = 0; // no extended attribute record
  both32(buf, 2, r.extent);
  both32(buf, 10, r.size);
  recordDate(buf, 18, r.date);
  buf[25] = r.directory ? FLAG_DIRECTORY : 0;
  both16(buf, 28, 1); // volume sequence number
  buf[32] = r.identifier.length;
  r.identifier.copy(buf, 33);
  return buf;
}

export const SELF = Buffer.from([0x00]);
export const PARENT = Buffer.from([0x01]);

/** The records laid out in sectors; the extent's byte length is a whole number of sectors. */
export function packRecords(records: readonly Buffer[]): Buffer {
  const sectors: Buffer[] = [];
  let current = Buffer.alloc(SECTOR);
  let used = 0;
  for (const record of records) {
    if (used + record.length > SECTOR) {
      sectors.push(current);
      current = Buffer.alloc(SECTOR);
      used = 0;
    }
    record.copy(current, used);
    used += record.length;
  }
  sectors.push(current);
  return Buffer.concat(sectors);
}

/** How many sectors the root takes for these identifiers (`.` and `..` included). */
export function rootSectors(identifiers: readonly Buffer[]): number {
  const records = [SELF, PARENT, ...identifiers].map((identifier) =>
    directoryRecord({ identifier, extent: 0, size: 0, date: new Date(0) }),
  );
  return packRecords(records).length / SECTOR;
}
