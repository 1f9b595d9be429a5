/**
 * On-disk layout of the one image we build: a standard 3.5" high-density (1.44 MB) FAT12 floppy, the geometry
 * `mformat -f 1440` and `mkfs.fat -C IMG 1440` produce, which Windows Setup, qemu and every FAT driver read.
 *
 * References (cited below as "fatgen103 p.N"): Microsoft, "FAT: General Overview of On-Disk Format", version
 * 1.03 (fatgen103.doc, 2000) — boot sector/BPB p.7–12, FAT type determination p.14–15, FAT12 entry packing
 * p.16–17, directory entries p.23–25, date/time p.25–26, long names p.26–31 (hardware white paper); mtools and
 * dosfstools sources for the conventions they follow (media byte in FAT[0], boot-code stub).
 *
 *   sector   0        boot sector: jump, OEM name, BPB, extended BPB (serial, label, "FAT12   "), stub, 0x55AA
 *   sectors  1 –  9   FAT #1 (9 sectors = 3072 12-bit entries; 2 + 2847 are used)
 *   sectors 10 – 18   FAT #2 (identical copy; fsck.fat reports "FATs differ" otherwise)
 *   sectors 19 – 32   root directory: 224 entries × 32 bytes = 14 sectors
 *   sectors 33 – 2879 data area: 2847 clusters of 1 sector, cluster numbers 2 … 2848
 *
 * 2847 clusters < 4085 makes this FAT12 by the only rule that counts (fatgen103 p.14: the type is decided by the
 * cluster count, never by the "FAT12   " string). Only the root directory exists: Windows Setup looks for its
 * answer files at the root of removable media (facts §7 "Floppy image build").
 */

export const BYTES_PER_SECTOR = 512;
export const SECTORS_PER_CLUSTER = 1;
export const CLUSTER_BYTES = BYTES_PER_SECTOR * SECTORS_PER_CLUSTER;
export const RESERVED_SECTORS = 1;
export const FAT_COUNT = 2;
export const SECTORS_PER_FAT = 9;
export const ROOT_ENTRIES = 224;
export const DIR_ENTRY_BYTES = 32;
export const TOTAL_SECTORS = 2880;
/** 0xF0: "3.5-inch, 2-sided, 18-sector" (fatgen103 p.9); also the low byte of FAT[0]. */
export const MEDIA_DESCRIPTOR = 0xf0;
export const SECTORS_PER_TRACK = 18;
export const HEADS = 2;
/** BIOS drive number: 0x00 for a floppy (fatgen103 p.11, BS_DrvNum). */
export const DRIVE_NUMBER = 0x00;

export const IMAGE_BYTES = TOTAL_SECTORS * BYTES_PER_SECTOR; // 1,474,560
export const FAT_OFFSET = RESERVED_SECTORS * BYTES_PER_SECTOR;
export const FAT_BYTES = SECTORS_PER_FAT * BYTES_PER_SECTOR;
export const ROOT_DIR_SECTORS = (ROOT_ENTRIES * DIR_ENTRY_BYTES) / BYTES_PER_SECTOR; // 14
export const ROOT_DIR_OFFSET = (RESERVED_SECTORS + FAT_COUNT * SECTORS_PER_FAT) * BYTES_PER_SECTOR;
export const DATA_OFFSET = ROOT_DIR_OFFSET + ROOT_DIR_SECTORS * BYTES_PER_SECTOR;
export const DATA_SECTORS = TOTAL_SECTORS - DATA_OFFSET / BYTES_PER_SECTOR; // 2847
export const CLUSTER_COUNT = DATA_SECTORS / SECTORS_PER_CLUSTER; // 2847
/** Clusters 0 and 1 are reserved entries in the FAT; data starts at cluster 2 (fatgen103 p.16). */
export const FIRST_CLUSTER = 2;
/** Bytes available for file data: 2847 × 512 = 1,457,664. */
export const DATA_CAPACITY_BYTES = CLUSTER_COUNT * CLUSTER_BYTES;

/** Byte offset of a data cluster in the image. */
export function clusterOffset(cluster: number): number {
  return DATA_OFFSET + (cluster - FIRST_CLUSTER) * CLUSTER_BYTES;
}
