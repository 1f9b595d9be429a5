/**
 * Reading and appending the known_hosts file. Appending is the only write, for `--accept-new-host-keys`:
 * existing lines are never rewritten, a missing file is created 0600 (its directory 0700), like ssh(1) does.
 */
import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { cachePerFileVersion } from './file-version-cache.js';
import { formatKnownHostsLine, parseKnownHosts, type ParsedKnownHosts } from './known-hosts.js';

// Every host of a run verifies against the same file: parsed once per file version, not once per host.
const readParsed = cachePerFileVersion((path) => readFile(path, 'utf8').then(parseKnownHosts));

/** Parse the file; a missing file is an empty one (every key then is `unknown`). */
export async function readKnownHostsFile(path: string): Promise<ParsedKnownHosts> {
  try {
    return await readParsed(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], invalidLines: [] };
    throw error;
  }
}

// Hosts are connected concurrently; appends to one file are serialised so that the "does the file end with a
// newline" check and the write cannot interleave.
const appendQueues = new Map<string, Promise<unknown>>();

export interface NewKnownHost {
  host: string;
  port: number;
  keyType: string;
  keyBlob: Buffer;
}

/** Append one plain line (`[host]:port` when port ≠ 22). Resolves once the line is on disk. */
export function appendKnownHost(path: string, key: NewKnownHost): Promise<void> {
  const previous = appendQueues.get(path) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => appendNow(path, key));
  appendQueues.set(path, next);
  void next
    .finally(() => {
      if (appendQueues.get(path) === next) appendQueues.delete(path);
    })
    .catch(() => undefined);
  return next;
}

async function appendNow(path: string, key: NewKnownHost): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const line = formatKnownHostsLine(key.host, key.port, key.keyType, key.keyBlob);
  const separator = (await endsWithoutNewline(path)) ? '\n' : '';
  // `mode` applies only when the file is created; an existing file keeps its permissions.
  await appendFile(path, `${separator}${line}\n`, { mode: 0o600, flag: 'a' });
}

async function endsWithoutNewline(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}
