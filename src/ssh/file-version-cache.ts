/**
 * Read-and-parse once per file version: every host of a run reads the same known_hosts and identity files, so
 * each is loaded once per (size, mtime, ctime, inode) rather than once per host (quadratic at fleet scale,
 * bench/README.md "Limits found" 3). A change to the file (an append by --accept-new-host-keys, a new key)
 * changes its version. The load is cached as a promise, so hosts connecting at the same time share one read;
 * a load that fails is forgotten and tried again for the next caller. A failing stat is the caller's to handle.
 */
import { stat } from 'node:fs/promises';

export interface FileVersion {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export type StatFn = (path: string) => Promise<FileVersion>;

export function cachePerFileVersion<T>(load: (path: string) => Promise<T>, statFile: StatFn = stat): (path: string) => Promise<T> {
  const cache = new Map<string, { stamp: string; value: Promise<T> }>();
  return async (path) => {
    const st = await statFile(path);
    const stamp = `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
    const cached = cache.get(path);
    if (cached?.stamp === stamp) return cached.value;
    const entry = { stamp, value: load(path) };
    cache.set(path, entry);
    entry.value.catch(() => {
      if (cache.get(path) === entry) cache.delete(path);
    });
    return entry.value;
  };
}
