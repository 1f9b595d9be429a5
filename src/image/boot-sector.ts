/**
 * The boot sector (sector 0) with the BIOS Parameter Block of a 1.44 MB floppy (fatgen103 p.7–12, layout in
 * geometry.ts). Offsets are the spec's; field names in comments are the spec's BPB_/BS_ names.
 */
import {
  BYTES_PER_SECTOR,
  DRIVE_NUMBER,
  FAT_COUNT,
  HEADS,
  MEDIA_DESCRIPTOR,
  RESERVED_SECTORS,
  ROOT_ENTRIES,
  SECTORS_PER_CLUSTER,
  SECTORS_PER_FAT,
  SECTORS_PER_TRACK,
  TOTAL_SECTORS,
} from './geometry.js';

/** fatgen103 p.8 recommends "MSWIN4.1" as the OEM name: it is the value old drivers are known to accept. */
export const OEM_NAME = 'MSWIN4.1';
/** BS_VolLab when the volume has no label (fatgen103 p.11). */
export const NO_LABEL = 'NO NAME    ';
/** Offset of the boot code: right after the extended BPB, where the 0xEB 0x3C jump lands (0x3C + 2). */
export const BOOT_CODE_OFFSET = 0x3e;

const MESSAGE = 'This is not a bootable disk (ovirt-floppy payload).\r\nPress any key to try again ...\r\n\0';

/**
 * Real-mode stub run if someone boots from the floppy: print MESSAGE via BIOS teletype, wait for a key, and ask
 * the BIOS for the next boot device (int 19h) — what mkfs.fat's stub does, so a VM left with the floppy first in
 * its boot order says why instead of hanging silently. Loaded at 0000:7C00, so the code starts at 0x7C3E.
 */
function bootCode(): Buffer {
  const CODE_LENGTH = 29; // bytes of machine code below; the message follows directly
  const messageAddress = 0x7c00 + BOOT_CODE_OFFSET + CODE_LENGTH;
  const code = Buffer.from([
    0x0e, //                  push cs
    0x1f, //                  pop ds                  ; ds = cs = 0
    0xbe,
    messageAddress & 0xff,
    messageAddress >> 8, // mov si, message
    // print:
    0xac, //                  lodsb
    0x22,
    0xc0, //            and al, al
    0x74,
    0x0b, //            jz wait                 ; +11: end of the message
    0x56, //                  push si
    0xb4,
    0x0e, //            mov ah, 0Eh             ; BIOS teletype output
    0xbb,
    0x07,
    0x00, //      mov bx, 0007h           ; page 0, light grey
    0xcd,
    0x10, //            int 10h
    0x5e, //                  pop si
    0xeb,
    0xf0, //            jmp print               ; -16
    // wait:
    0x32,
    0xe4, //            xor ah, ah
    0xcd,
    0x16, //            int 16h                 ; wait for a key
    0xcd,
    0x19, //            int 19h                 ; try the next boot device
    0xeb,
    0xfe, //            jmp $                   ; should int 19h return
  ]);
  if (code.length !== CODE_LENGTH) throw new Error(`boot code is ${code.length} bytes, expected ${CODE_LENGTH}`);
  return Buffer.concat([code, Buffer.from(MESSAGE, 'latin1')]);
}

/**
 * @param label  11 bytes, already validated and padded with spaces (labels.ts), or undefined for "NO NAME".
 * @param serial BS_VolID, a 32-bit volume serial number.
 */
export function buildBootSector(label: string | undefined, serial: number): Buffer {
  const s = Buffer.alloc(BYTES_PER_SECTOR);
  s.set([0xeb, 0x3c, 0x90], 0); // BS_jmpBoot: short jump over the BPB to 0x3E, then NOP
  s.write(OEM_NAME, 3, 8, 'latin1'); // BS_OEMName
  s.writeUInt16LE(BYTES_PER_SECTOR, 11); // BPB_BytsPerSec
  s.writeUInt8(SECTORS_PER_CLUSTER, 13); // BPB_SecPerClus
  s.writeUInt16LE(RESERVED_SECTORS, 14); // BPB_RsvdSecCnt
  s.writeUInt8(FAT_COUNT, 16); // BPB_NumFATs
  s.writeUInt16LE(ROOT_ENTRIES, 17); // BPB_RootEntCnt
  s.writeUInt16LE(TOTAL_SECTORS, 19); // BPB_TotSec16 (fits in 16 bits, so BPB_TotSec32 stays 0)
  s.writeUInt8(MEDIA_DESCRIPTOR, 21); // BPB_Media
  s.writeUInt16LE(SECTORS_PER_FAT, 22); // BPB_FATSz16
  s.writeUInt16LE(SECTORS_PER_TRACK, 24); // BPB_SecPerTrk
  s.writeUInt16LE(HEADS, 26); // BPB_NumHeads
  s.writeUInt32LE(0, 28); // BPB_HiddSec: an unpartitioned medium
  s.writeUInt32LE(0, 32); // BPB_TotSec32
  s.writeUInt8(DRIVE_NUMBER, 36); // BS_DrvNum
  s.writeUInt8(0, 37); // BS_Reserved1
  s.writeUInt8(0x29, 38); // BS_BootSig: the next three fields are present
  s.writeUInt32LE(serial >>> 0, 39); // BS_VolID
  s.write(label ?? NO_LABEL, 43, 11, 'latin1'); // BS_VolLab
  s.write('FAT12   ', 54, 8, 'latin1'); // BS_FilSysType: informational only (fatgen103 p.11)
  const code = bootCode();
  code.copy(s, BOOT_CODE_OFFSET);
  s.writeUInt8(0x55, 510); // signature, fatgen103 p.11: bytes 510/511 are 0x55 0xAA
  s.writeUInt8(0xaa, 511);
  return s;
}
