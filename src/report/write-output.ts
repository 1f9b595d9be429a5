/**
 * `--output PATH`: write a report atomically — a temp file in the same directory (so rename(2) is atomic on
 * one filesystem), fsync, then rename over PATH. node_exporter's textfile collector or a CI job polling the
 * file therefore sees the old report or the new one, never half of one. The temp name does not end in `.prom`,
 * so the collector never picks it up.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OutputWriteError, UsageError } from '../errors.js';

export { OutputWriteError };

export interface WriteOutputOptions {
  /** File mode of a new report (readable by the exporter's user). @defaultValue 0o644 */
  mode?: number;
}

/** Refuse `--output` into a missing or unwritable directory before anything is contacted (exit 2). */
export async function assertOutputWritable(path: string): Promise<void> {
  const dir = dirname(path);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`--output ${path}: directory ${dir} does not exist`);
  await access(dir, constants.W_OK).catch(() => {
    throw new UsageError(`--output ${path}: directory ${dir} is not writable`);
  });
  const target = await stat(path).catch(() => undefined);
  if (target?.isDirectory()) throw new UsageError(`--output ${path}: is a directory`);
}

export async function writeOutputAtomic(path: string, content: string, options: WriteOutputOptions = {}): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new OutputWriteError(`cannot write report to ${path}: ${(error as Error).message}`, { cause: error });
  }
}
