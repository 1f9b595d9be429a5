/**
 * Where the probe memo lives: `$XDG_CACHE_HOME/ovirt-floppy/` (XDG Base Directory spec; fallback `~/.cache`), one
 * file per config named like its drift history (a hash of the config's absolute path). A cache: unreadable or
 * corrupt means empty, and a write that fails is a warning, never a failed run.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { writeOutputAtomic } from '../report/write-output.js';
import { parseMemoFile, ProbeMemoStore } from './memo-store.js';

export function defaultMemoPath(configFile: string, env: NodeJS.ProcessEnv): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : env.HOME ? join(env.HOME, '.cache') : undefined;
  if (!base) return undefined;
  const hash = createHash('sha256').update(configFile).digest('hex').slice(0, 16);
  const name = basename(configFile).replace(/[^A-Za-z0-9._-]/g, '_');
  return join(base, 'ovirt-floppy', `${name}-${hash}.probe-memo.json`);
}

export async function readMemoFile(path: string): Promise<ProbeMemoStore> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  return new ProbeMemoStore(text === undefined ? undefined : parseMemoFile(text));
}

/** 0700 directory, 0600 file: the memo names hosts and their QEMU binaries. */
export async function writeMemoFile(path: string, store: ProbeMemoStore): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeOutputAtomic(path, `${JSON.stringify(store.toFile(), null, 1)}\n`, { mode: 0o600 });
}
