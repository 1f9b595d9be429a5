/**
 * A tiny ISO 9660 reader for the unit tests: the volume descriptors and the root directory records, read straight
 * from the bytes (ECMA-119 8.4, 9.1), so the layout rules are checked without the real readers.
 */
export const SECTOR = 2048;

export interface RecordView {
  /** Byte offset of the record in the image. */
  offset: number;
  identifier: Buffer;
  extent: number;
  size: number;
  directory: boolean;
}

export interface VolumeView {
  type: number;
  volumeId: string;
  escapes: string;
  volumeSpaceSize: number;
  blockSize: number;
  pathTableSize: number;
  lPathTable: number;
  mPathTable: number;
  root: RecordView;
}

export function readRecord(image: Buffer, offset: number): RecordView {
  const idLength = image[offset + 32]!;
  return {
    offset,
    identifier: image.subarray(offset + 33, offset + 33 + idLength),
    extent: image.readUInt32LE(offset + 2),
    size: image.readUInt32LE(offset + 10),
    directory: (image[offset + 25]! & 0x02) !== 0,
  };
}

export function readVolume(image: Buffer, sector: number): VolumeView {
  const at = sector * SECTOR;
  const d = image.subarray(at, at + SECTOR);
  const joliet = d[0] === 2;
  const id = d.subarray(40, 72);
  return {
    type: d[0]!,
    volumeId: (joliet ? Buffer.from(id).swap16().toString('utf16le') : id.toString('latin1')).trimEnd(),
    escapes: d.subarray(88, 91).toString('latin1'),
    volumeSpaceSize: d.readUInt32LE(80),
    blockSize: d.readUInt16LE(128),
    pathTableSize: d.readUInt32LE(132),
    lPathTable: d.readUInt32LE(140),
    mPathTable: d.readUInt32BE(148),
    root: readRecord(image, at + 156),
  };
}

/** Every record of a directory extent, `.` and `..` first; a zero length byte means "next sector". */
export function readDirectory(image: Buffer, extent: number, size: number): RecordView[] {
  const records: RecordView[] = [];
  const start = extent * SECTOR;
  let offset = start;
  while (offset < start + size) {
    const length = image[offset]!;
    if (length === 0) {
      offset = start + (Math.floor((offset - start) / SECTOR) + 1) * SECTOR;
      continue;
    }
    records.push(readRecord(image, offset));
    offset += length;
  }
  return records;
}

/** A Joliet identifier as text (UCS-2 big-endian). */
export const jolietText = (id: Buffer): string => Buffer.from(id).swap16().toString('utf16le');
