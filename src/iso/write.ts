/**
 * writeIsoImage: files on disk → an ISO file, written atomically with mode 0600 like the floppy (src/image/write.ts:
 * answer files hold secrets). Deterministic by default: the volume date is the newest input file's mtime (or
 * SOURCE_DATE_EPOCH when set, the reproducible-builds convention), so the same files give the same bytes.
 */
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { formatProblems } from '../image/plan.js';
import { DEFAULT_IMAGE_MODE, describeFsError, writeFileAtomically } from '../image/write.js';
import { recordDateProblem } from './both-endian.js';
import { MAX_FILE_BYTES, buildIsoImage, isoProblems, type BuiltIso, type IsoFile } from './build.js';

export interface WrittenIso extends BuiltIso {
  path: string;
}

/** The volume date: SOURCE_DATE_EPOCH (seconds) when set and valid, else the newest mtime, else the epoch. */
export function isoVolumeDate(mtimes: readonly Date[], env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && sourceDateEpochProblem(epoch) === undefined) return new Date(Number(epoch) * 1000);
  const newest = Math.max(0, ...mtimes.map((d) => Math.floor(d.getTime() / 1000) * 1000));
  return new Date(newest);
}

/**
 * A malformed SOURCE_DATE_EPOCH is an error, not ignored: the reproducible-builds specification says a build
 * "SHOULD exit with a non-zero error code" then, since silently falling back to mtimes gives different bytes.
 */
export function sourceDateEpochProblem(epoch: string): string | undefined {
  if (!/^\d{1,12}$/.test(epoch)) return `SOURCE_DATE_EPOCH ${JSON.stringify(epoch)}: not a number of seconds since 1970`;
  const problem = recordDateProblem(new Date(Number(epoch) * 1000));
  return problem && `SOURCE_DATE_EPOCH ${epoch}: ${problem}`;
}

/** One input file read whole (payloads are small), or its problems added to `problems`. */
async function readInput(input: string, outStat: Stats | undefined, problems: string[]): Promise<IsoFile | undefined> {
  let st: Stats;
  let data: Buffer;
  try {
    st = await fs.stat(input);
    if (!st.isFile()) {
      problems.push(`${input}: not a regular file${st.isDirectory() ? ' (a directory)' : ''}`);
      return undefined;
    }
    if (outStat && st.dev === outStat.dev && st.ino === outStat.ino) {
      problems.push(`${input}: is also the output image`);
      return undefined;
    }
    if (st.size > MAX_FILE_BYTES) {
      problems.push(`${input}: ${st.size} bytes; an ISO 9660 file holds at most 4 GiB - 1`);
      return undefined;
    }
    data = await fs.readFile(input);
  } catch (err) {
    problems.push(`${input}: cannot read: ${describeFsError(err)}`);
    return undefined;
  }
  // Whole seconds, as the records keep them: the volume date derived from them then matches what readers show.
  const mtime = new Date(Math.floor(st.mtimeMs / 1000) * 1000);
  const dateProblem = recordDateProblem(mtime);
  if (dateProblem) problems.push(`${input}: modified ${dateProblem}`);
  return { name: path.basename(input), data, mtime };
}

/** @throws UsageError listing every problem at once (unreadable inputs, names, label, the output path). */
export async function writeIsoImage(outPath: string, inputs: readonly string[], options: { label?: string } = {}): Promise<WrittenIso> {
  const problems: string[] = [];
  const outAbs = path.resolve(outPath);
  const outStat = await fs.stat(outAbs).catch(() => undefined);
  if (outStat && !outStat.isFile()) problems.push(`output ${outPath}: exists and is not a regular file`);
  const dirStat = await fs.stat(path.dirname(outAbs)).catch(() => undefined);
  if (!dirStat?.isDirectory()) problems.push(`output ${outPath}: ${path.dirname(outAbs)} is not a directory`);
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const epochProblem = epoch === undefined ? undefined : sourceDateEpochProblem(epoch);
  if (epochProblem) problems.push(epochProblem);
  const files: (IsoFile | undefined)[] = [];
  for (const input of inputs) files.push(await readInput(input, outStat, problems));
  problems.push(
    ...isoProblems(
      inputs.map((p, i) => ({ name: path.basename(p), size: files[i]?.data.length })),
      options.label,
    ),
  );
  if (problems.length > 0) throw new UsageError(formatProblems(problems, 'cannot build the ISO image'));
  const ready = files as IsoFile[];
  const built = buildIsoImage(ready, {
    ...(options.label === undefined ? {} : { label: options.label }),
    now: isoVolumeDate(ready.map((f) => f.mtime!)),
  });
  await writeFileAtomically(outAbs, built.image, DEFAULT_IMAGE_MODE);
  return { ...built, path: outAbs };
}
