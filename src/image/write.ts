/**
 * writeFloppyImage: files on disk → a floppy image file, written atomically (temp file in the target directory,
 * fsync, rename) so a half-written image never sits where a VM could pick it up.
 *
 * The image is created with mode 0600 by default: answer files routinely carry secrets (domain-join and
 * administrator passwords in Unattend.xml / sysprep.inf), so nobody but the owner should read a freshly built
 * image. Widen it deliberately (`mode`) when the upload needs it.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { AppError, UsageError } from '../errors.js';
import { buildFloppyImage, type FloppyFile, type FloppyImageOptions } from './build.js';
import { CLUSTER_BYTES, DATA_CAPACITY_BYTES, IMAGE_BYTES } from './geometry.js';
import { formatProblems, planFloppyLayout, type PlanInput } from './plan.js';
import { displayShortName } from './short-name.js';

/** A path on disk (stored under its basename) or a path plus the name it gets on the floppy. */
export type FloppyInput = string | { path: string; name: string };

export interface WriteFloppyOptions extends FloppyImageOptions {
  /** Permission bits of the image file; default 0o600 (see the header comment). */
  mode?: number;
}

export interface WrittenFloppy {
  path: string;
  bytes: number;
  label: string | undefined;
  files: { name: string; shortName: string; size: number; source: string }[];
  freeBytes: number;
}

export const DEFAULT_IMAGE_MODE = 0o600;

/** A file system error as the one-line reason a problem list shows (shared with src/iso/write.ts). */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a component of the path is not a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return (err as Error)?.message ?? String(err);
  }
}

async function statOrProblem(p: string): Promise<Stats | string> {
  try {
    return await fs.stat(p);
  } catch (err) {
    return describeFsError(err);
  }
}

/**
 * @throws UsageError listing every problem at once: unreadable inputs, names, duplicates, label, sizes,
 *   directory entries, and an output path that cannot be written.
 */
export async function writeFloppyImage(
  outPath: string,
  inputs: readonly FloppyInput[],
  options: WriteFloppyOptions = {},
): Promise<WrittenFloppy> {
  const { mode = DEFAULT_IMAGE_MODE, ...imageOptions } = options;
  const problems: string[] = [];
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o777) problems.push(`option mode: ${mode} is not a permission mode`);

  const outAbs = path.resolve(outPath);
  const outDir = path.dirname(outAbs);
  const dirStat = await statOrProblem(outDir);
  if (typeof dirStat === 'string') problems.push(`output ${outPath}: directory ${outDir}: ${dirStat}`);
  else if (!dirStat.isDirectory()) problems.push(`output ${outPath}: ${outDir} is not a directory`);
  const outStat = await statOrProblem(outAbs);
  if (typeof outStat !== 'string' && !outStat.isFile()) problems.push(`output ${outPath}: exists and is not a regular file`);

  const sources = inputs.map((i) => (typeof i === 'string' ? { path: i, name: path.basename(i) } : i));
  const stats: (Stats | undefined)[] = [];
  for (const s of sources) {
    const st = await statOrProblem(s.path);
    if (typeof st === 'string') {
      problems.push(`${s.path}: cannot read: ${st}`);
      stats.push(undefined);
    } else if (!st.isFile()) {
      problems.push(`${s.path}: not a regular file${st.isDirectory() ? ' (a directory)' : ''}`);
      stats.push(undefined);
    } else {
      if (typeof outStat !== 'string' && st.dev === outStat.dev && st.ino === outStat.ino) {
        problems.push(`${s.path}: is also the output image`);
      }
      stats.push(st);
    }
  }

  const planInputs: PlanInput[] = sources.map((s, i) => ({ name: s.name, size: stats[i]?.size, source: s.path }));
  const planned = planFloppyLayout(planInputs, imageOptions.label === undefined ? {} : { label: imageOptions.label });
  if (!planned.ok) problems.push(...planned.problems);
  if (problems.length > 0 || !planned.ok) throw new UsageError(formatProblems(problems));

  const files: FloppyFile[] = [];
  for (const [i, s] of sources.entries()) {
    let data: Buffer;
    try {
      data = await fs.readFile(s.path);
    } catch (err) {
      problems.push(`${s.path}: cannot read: ${describeFsError(err)}`);
      continue;
    }
    files.push({ name: s.name, data, mtime: (stats[i] as Stats).mtime });
  }
  if (problems.length > 0) throw new UsageError(formatProblems(problems));

  // Built from what was actually read: a file that grew since stat() is checked again here.
  const image = buildFloppyImage(files, imageOptions);
  await writeFileAtomically(outAbs, image, mode);

  const used = planned.plan.files.reduce((n, f) => n + f.clusters, 0) * CLUSTER_BYTES;
  return {
    path: outAbs,
    bytes: IMAGE_BYTES,
    label: planned.plan.label?.trimEnd(),
    files: planned.plan.files.map((f, i) => ({
      name: f.name,
      shortName: displayShortName(f.rawShortName),
      size: files[i]?.data.length ?? f.size,
      source: sources[i]?.path ?? f.name,
    })),
    freeBytes: DATA_CAPACITY_BYTES - used,
  };
}

/** Temp file next to the target (same file system, so rename is atomic), fsync, chmod, rename, fsync the dir. */
export async function writeFileAtomically(target: string, data: Buffer, mode: number): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    // O_EXCL: never follow or reuse something an attacker placed at the temp name.
    handle = await fs.open(temp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, mode);
    await handle.chmod(mode); // open()'s mode is filtered by the umask; the requested mode is exact
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, target);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException)?.code ?? '';
    // A path the user got wrong is a usage error; a full or failing disk is not.
    const Err = ['ENOENT', 'EACCES', 'EPERM', 'ENOTDIR', 'EISDIR', 'EROFS'].includes(code) ? UsageError : AppError;
    throw new Err(`cannot write ${target}: ${describeFsError(err)}`, { cause: err });
  }
  // Make the rename itself durable; not every file system lets a directory be fsynced, which is harmless.
  const dirHandle = await fs.open(dir, fsConstants.O_RDONLY).catch(() => undefined);
  await dirHandle?.sync().catch(() => undefined);
  await dirHandle?.close().catch(() => undefined);
}
