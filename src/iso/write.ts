/**
 * writeIsoImage: files on disk → an ISO file, written atomically with mode 0600 like the floppy (src/image/write.ts:
 * answer files hold secrets). Deterministic by default: the volume date is the newest input file's mtime (or
 * SOURCE_DATE_EPOCH when set, the reproducible-builds convention), so the same files give the same bytes.
 */
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { formatProblems } from '../image/plan.js';
import { DEFAULT_IMAGE_MODE, writeFileAtomically } from '../image/write.js';
import { buildIsoImage, isoProblems, type BuiltIso, type IsoFile } from './build.js';

export interface WrittenIso extends BuiltIso {
  path: string;
}

/** The volume date: SOURCE_DATE_EPOCH (seconds) when set and valid, else the newest mtime, else the epoch. */
export function isoVolumeDate(mtimes: readonly Date[], env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const newest = Math.max(0, ...mtimes.map((d) => Math.floor(d.getTime() / 1000) * 1000));
  return new Date(newest);
}

/** @throws UsageError listing every problem at once (unreadable inputs, names, label, the output path). */
export async function writeIsoImage(outPath: string, inputs: readonly string[], options: { label?: string } = {}): Promise<WrittenIso> {
  const problems: string[] = [];
  const outAbs = path.resolve(outPath);
  const outStat = await fs.stat(outAbs).catch(() => undefined);
  if (outStat && !outStat.isFile()) problems.push(`output ${outPath}: exists and is not a regular file`);
  const dirStat = await fs.stat(path.dirname(outAbs)).catch(() => undefined);
  if (!dirStat?.isDirectory()) problems.push(`output ${outPath}: ${path.dirname(outAbs)} is not a directory`);
  const stats: (Stats | undefined)[] = [];
  for (const input of inputs) {
    const st = await fs.stat(input).catch((e: NodeJS.ErrnoException) => e.code ?? 'unreadable');
    if (typeof st === 'string') problems.push(`${input}: cannot read: ${st === 'ENOENT' ? 'no such file' : st}`);
    else if (!st.isFile()) problems.push(`${input}: not a regular file${st.isDirectory() ? ' (a directory)' : ''}`);
    else if (outStat && st.dev === outStat.dev && st.ino === outStat.ino) problems.push(`${input}: is also the output image`);
    stats.push(typeof st === 'string' || !st.isFile() ? undefined : st);
  }
  problems.push(
    ...isoProblems(
      inputs.map((p, i) => ({ name: path.basename(p), size: stats[i]?.size })),
      options.label,
    ),
  );
  if (problems.length > 0) throw new UsageError(formatProblems(problems, 'cannot build the ISO image'));
  const files: IsoFile[] = [];
  for (const [i, input] of inputs.entries()) {
    files.push({
      name: path.basename(input),
      data: await fs.readFile(input),
      mtime: new Date(Math.floor(stats[i]!.mtimeMs / 1000) * 1000),
    });
  }
  const built = buildIsoImage(files, {
    ...(options.label === undefined ? {} : { label: options.label }),
    now: isoVolumeDate(files.map((f) => f.mtime!)),
  });
  await writeFileAtomically(outAbs, built.image, DEFAULT_IMAGE_MODE);
  return { ...built, path: outAbs };
}
