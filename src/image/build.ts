/**
 * buildFloppyImage: files in memory → the bytes of a 1.44 MB FAT12 floppy image (layout: geometry.ts).
 * Pure apart from the defaults for `now` (the clock) — pass `now` and `serial` for reproducible images.
 */
import { InternalError, UsageError } from '../errors.js';
import { buildBootSector } from './boot-sector.js';
import { ATTR_ARCHIVE, ATTR_VOLUME_ID, buildShortEntry } from './dir-entry.js';
import { buildFat12 } from './fat12.js';
import { toFatTimestamp } from './fat-time.js';
import {
  clusterOffset,
  DIR_ENTRY_BYTES,
  FAT_BYTES,
  FAT_COUNT,
  FAT_OFFSET,
  IMAGE_BYTES,
  ROOT_DIR_OFFSET,
  ROOT_ENTRIES,
} from './geometry.js';
import { buildLongNameEntries } from './long-name.js';
import { formatProblems, planFloppyLayout } from './plan.js';

export interface FloppyFile {
  /** Name on the floppy (root directory only). */
  name: string;
  data: Buffer;
  /** Last-write time recorded in the directory entry; defaults to `options.now`. */
  mtime?: Date;
}

export interface FloppyImageOptions {
  /** Volume label, up to 11 characters; uppercased. Omitted: no label ("NO NAME" in the boot sector). */
  label?: string;
  /** 32-bit volume serial number; omitted: derived from `now` the way DOS derives it from the clock. */
  serial?: number;
  /** "Now" for the label entry and for files without `mtime`; defaults to the current time. */
  now?: Date;
}

/**
 * The serial number DOS 4+ FORMAT computes from the date and time (two 16-bit sums of the clock fields), so a
 * default serial differs between images made at different moments, as every formatter's does.
 */
export function serialFromDate(d: Date): number {
  const hundredths = Math.floor(d.getMilliseconds() / 10);
  const hi = (((d.getMonth() + 1) << 8) | d.getDate()) + ((d.getSeconds() << 8) | hundredths);
  const lo = ((d.getHours() << 8) | d.getMinutes()) + d.getFullYear();
  return (((hi & 0xffff) << 16) | (lo & 0xffff)) >>> 0;
}

/** @throws UsageError listing every problem (names, duplicates, label, size, directory entries). */
export function buildFloppyImage(files: readonly FloppyFile[], options: FloppyImageOptions = {}): Buffer {
  const now = options.now ?? new Date();
  const problems: string[] = [];
  if (Number.isNaN(now.getTime())) problems.push('option now: not a valid date');
  const serial = options.serial ?? (problems.length === 0 ? serialFromDate(now) : 0);
  if (!Number.isInteger(serial) || serial < 0 || serial > 0xffffffff) {
    problems.push(`option serial: ${serial} is not a 32-bit unsigned integer`);
  }
  files.forEach((f) => {
    if (f.mtime !== undefined && Number.isNaN(f.mtime.getTime())) problems.push(`${JSON.stringify(f.name)}: invalid mtime`);
  });
  const planned = planFloppyLayout(
    files.map((f) => ({ name: f.name, size: f.data.length })),
    options.label === undefined ? {} : { label: options.label },
  );
  if (!planned.ok) problems.push(...planned.problems);
  if (problems.length > 0 || !planned.ok) throw new UsageError(formatProblems(problems));
  const { plan } = planned;

  const image = Buffer.alloc(IMAGE_BYTES);
  buildBootSector(plan.label, serial).copy(image, 0);

  const fat = buildFat12(plan.files.filter((f) => f.clusters > 0).map((f) => ({ first: f.firstCluster, count: f.clusters })));
  for (let i = 0; i < FAT_COUNT; i++) fat.copy(image, FAT_OFFSET + i * FAT_BYTES);

  const entries: Buffer[] = [];
  if (plan.label !== undefined) {
    // The label entry conventionally comes first in the root directory (mformat and mkfs.fat put it there).
    entries.push(buildShortEntry({ rawName: plan.label, attr: ATTR_VOLUME_ID, firstCluster: 0, size: 0, written: toFatTimestamp(now) }));
  }
  plan.files.forEach((p, i) => {
    const file = files[i] as FloppyFile;
    if (p.hasLongName) entries.push(...buildLongNameEntries(p.name, p.rawShortName));
    entries.push(
      buildShortEntry({
        rawName: p.rawShortName,
        attr: ATTR_ARCHIVE,
        firstCluster: p.firstCluster,
        size: p.size,
        written: toFatTimestamp(file.mtime ?? now),
      }),
    );
    if (p.clusters > 0) file.data.copy(image, clusterOffset(p.firstCluster));
  });
  // planFloppyLayout already refused more; this guards the invariant the layout relies on.
  if (entries.length !== plan.rootEntries || entries.length > ROOT_ENTRIES) {
    throw new InternalError(`floppy image: ${entries.length} root entries, planned ${plan.rootEntries}`);
  }
  entries.forEach((e, i) => e.copy(image, ROOT_DIR_OFFSET + i * DIR_ENTRY_BYTES));
  // The rest of the root directory stays zero: DIR_Name[0] = 0x00 means "this and all later entries are free".
  return image;
}
