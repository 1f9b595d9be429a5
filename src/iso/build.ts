/**
 * buildIsoImage: files → an ISO 9660 image with a Joliet tree, everything at the root, in memory. Pure and
 * deterministic: the same files, names, dates and label give the same bytes (no clock is read here).
 *
 * Layout (2048-byte sectors): 0–15 system area (zero), 16 primary volume descriptor, 17 Joliet supplementary
 * descriptor, 18 terminator, 19–22 the L and M path tables of both trees, then the primary root directory, the
 * Joliet root directory and the file data, each file starting on a sector of its own. Both trees point at the same
 * data. Every problem (names, duplicates, label, sizes) is reported at once.
 */
import { UsageError } from '../errors.js';
import { formatProblems } from '../image/plan.js';
import { recordDateProblem } from './both-endian.js';
import { volumeDescriptor, terminator, rootPathTable, ROOT_PATH_TABLE_SIZE } from './descriptors.js';
import { directoryRecord, packRecords, rootSectors, PARENT, SECTOR, SELF } from './directory.js';
import { isoNameProblems, jolietIdentifier, primaryNames } from './names.js';
import { isoLabelProblems, normalizeIsoLabel } from './label.js';
import { compareIdentifiers } from './sort.js';

export interface IsoFile {
  name: string;
  data: Buffer;
  /** Recorded as the file's date; defaults to `options.now`. */
  mtime?: Date;
}

export interface IsoImageOptions {
  /** Volume identifier; uppercased. @defaultValue "PAYLOAD" */
  label?: string;
  /** The volume's creation date. */
  now: Date;
}

export interface BuiltIso {
  image: Buffer;
  label: string;
  files: { name: string; primaryName: string; size: number }[];
}

const FIRST_PATH_TABLE = 19;
const FIRST_ROOT = 23;
/** A record's data length is a 32-bit number (ECMA-119 9.1.4). */
export const MAX_FILE_BYTES = 0xffffffff;

/** Every problem with the input, in one list. */
export function isoProblems(files: readonly { name: string; size: number | undefined }[], label: string | undefined): string[] {
  const problems: string[] = [];
  if (files.length === 0) problems.push('no files given: an empty ISO carries no payload');
  const seen = new Map<string, string>();
  for (const f of files) {
    for (const p of isoNameProblems(f.name)) problems.push(`${JSON.stringify(f.name)}: ${p}`);
    // Windows compares names without case: two files that differ only in case would shadow each other.
    const key = f.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined)
      problems.push(`${JSON.stringify(f.name)}: the same name as ${JSON.stringify(first)} (names are compared without case)`);
    else seen.set(key, f.name);
    if (f.size !== undefined && f.size > MAX_FILE_BYTES)
      problems.push(`${JSON.stringify(f.name)}: ${f.size} bytes; an ISO 9660 file holds at most 4 GiB - 1`);
  }
  problems.push(...isoLabelProblems(label));
  return problems;
}

export function buildIsoImage(files: readonly IsoFile[], options: IsoImageOptions): BuiltIso {
  const problems = isoProblems(
    files.map((f) => ({ name: f.name, size: f.data.length })),
    options.label,
  );
  const nowProblem = recordDateProblem(options.now);
  if (nowProblem) problems.push(`option now: ${nowProblem}`);
  for (const f of files) {
    const mtimeProblem = f.mtime && recordDateProblem(f.mtime);
    if (mtimeProblem) problems.push(`${JSON.stringify(f.name)}: modified ${mtimeProblem}`);
  }
  if (problems.length > 0) throw new UsageError(formatProblems(problems, 'cannot build the ISO image'));
  const label = normalizeIsoLabel(options.label);

  const primary = primaryNames(files.map((f) => f.name));
  const entries = files.map((f, i) => ({
    file: f,
    primaryName: primary[i]!,
    primaryId: Buffer.from(primary[i]!, 'latin1'),
    jolietName: `${f.name};1`,
    jolietId: jolietIdentifier(f.name),
    extent: 0,
    date: f.mtime ?? options.now,
  }));
  const primarySectors = rootSectors(entries.map((e) => e.primaryId));
  const jolietSectors = rootSectors(entries.map((e) => e.jolietId));
  const primaryRoot = FIRST_ROOT;
  const jolietRoot = primaryRoot + primarySectors;
  let next = jolietRoot + jolietSectors;
  const byJoliet = [...entries].sort((a, b) => compareIdentifiers(a.jolietName, b.jolietName));
  for (const e of byJoliet) {
    const sectors = Math.ceil(e.file.data.length / SECTOR);
    e.extent = sectors === 0 ? 0 : next;
    next += sectors;
  }
  const totalSectors = next;

  const rootRecords = (extent: number, sectors: number) => [
    directoryRecord({ identifier: SELF, extent, size: sectors * SECTOR, date: options.now, directory: true }),
    directoryRecord({ identifier: PARENT, extent, size: sectors * SECTOR, date: options.now, directory: true }),
  ];
  const fileRecord = (id: Buffer, e: (typeof entries)[number]) =>
    directoryRecord({ identifier: id, extent: e.extent, size: e.file.data.length, date: e.date });
  const primaryDir = packRecords([
    ...rootRecords(primaryRoot, primarySectors),
    ...[...entries].sort((a, b) => compareIdentifiers(a.primaryName, b.primaryName)).map((e) => fileRecord(e.primaryId, e)),
  ]);
  const jolietDir = packRecords([...rootRecords(jolietRoot, jolietSectors), ...byJoliet.map((e) => fileRecord(e.jolietId, e))]);

  const image = Buffer.alloc(totalSectors * SECTOR);
  const at = (sector: number, data: Buffer) => data.copy(image, sector * SECTOR);
  const common = { totalSectors, pathTableSize: ROOT_PATH_TABLE_SIZE, date: options.now };
  at(
    16,
    volumeDescriptor({
      ...common,
      kind: 'primary',
      volumeId: label,
      lPathTable: 19,
      mPathTable: 20,
      rootRecord: primaryDir.subarray(0, 34),
    }),
  );
  at(
    17,
    volumeDescriptor({ ...common, kind: 'joliet', volumeId: label, lPathTable: 21, mPathTable: 22, rootRecord: jolietDir.subarray(0, 34) }),
  );
  at(18, terminator());
  at(FIRST_PATH_TABLE, rootPathTable(primaryRoot, 'L'));
  at(FIRST_PATH_TABLE + 1, rootPathTable(primaryRoot, 'M'));
  at(FIRST_PATH_TABLE + 2, rootPathTable(jolietRoot, 'L'));
  at(FIRST_PATH_TABLE + 3, rootPathTable(jolietRoot, 'M'));
  at(primaryRoot, primaryDir);
  at(jolietRoot, jolietDir);
  for (const e of entries) if (e.file.data.length > 0) at(e.extent, e.file.data);
  return {
    image,
    label,
    files: entries.map((e) => ({ name: e.file.name, primaryName: e.primaryName, size: e.file.data.length })),
  };
}
