/**
 * The File Allocation Table in its 12-bit form (fatgen103 p.16–17): entry N occupies the 12 bits starting at
 * byte N + N/2 (integer division). Even N: the low 12 bits of that little-endian 16-bit word; odd N: the high 12.
 */
import { CLUSTER_COUNT, FAT_BYTES, FIRST_CLUSTER, MEDIA_DESCRIPTOR } from './geometry.js';

/** End-of-chain marker. Any value ≥ 0xFF8 means EOC; 0xFFF is what every formatter writes. */
export const FAT12_EOC = 0xfff;
const MAX_ENTRY = FIRST_CLUSTER + CLUSTER_COUNT - 1;

export function setFat12Entry(fat: Buffer, n: number, value: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_ENTRY) throw new RangeError(`FAT12 entry ${n} out of range`);
  if (!Number.isInteger(value) || value < 0 || value > 0xfff) throw new RangeError(`FAT12 value ${value} out of range`);
  const at = n + (n >> 1);
  const word = fat.readUInt16LE(at);
  fat.writeUInt16LE(n & 1 ? (word & 0x000f) | (value << 4) : (word & 0xf000) | value, at);
}

export function getFat12Entry(fat: Buffer, n: number): number {
  const word = fat.readUInt16LE(n + (n >> 1));
  return n & 1 ? word >> 4 : word & 0x0fff;
}

/** A contiguous run of clusters holding one file. */
export interface ClusterRun {
  first: number;
  count: number;
}

/**
 * One copy of the FAT: the two reserved entries, then a chain per run (each cluster points at the next, the
 * last is EOC); everything else stays 0 = free.
 */
export function buildFat12(runs: readonly ClusterRun[]): Buffer {
  const fat = Buffer.alloc(FAT_BYTES);
  // FAT[0] = media byte with all other bits set; FAT[1] = EOC (fatgen103 p.17; the FAT12 "clean shutdown" and
  // "hard error" bits exist only for FAT16/32). fsck.fat compares FAT[0]'s low byte with BPB_Media.
  setFat12Entry(fat, 0, 0xf00 | MEDIA_DESCRIPTOR);
  setFat12Entry(fat, 1, FAT12_EOC);
  for (const run of runs) {
    for (let i = 0; i < run.count; i++) {
      const cluster = run.first + i;
      setFat12Entry(fat, cluster, i === run.count - 1 ? FAT12_EOC : cluster + 1);
    }
  }
  return fat;
}
