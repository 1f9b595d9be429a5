/**
 * Where the drift history lives and how it is read and written. Default: one file per config under
 * `$XDG_STATE_HOME/ovirt-floppy/` (XDG Base Directory spec; fallback `~/.local/state`), named after a hash of
 * the config's absolute path, so two configs (prod, staging) never share a history. Written atomically (temp
 * file, fsync, rename); a file that cannot be parsed is reported by the caller and replaced, never fatal.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { writeOutputAtomic } from '../report/write-output.js';
import type { HistoryState, StateEntry } from './since-last-run.js';

/** undefined when neither XDG_STATE_HOME (absolute) nor HOME is set: then there is no default history. */
export function defaultStatePath(configFile: string, env: NodeJS.ProcessEnv): string | undefined {
  const xdg = env.XDG_STATE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : env.HOME ? join(env.HOME, '.local', 'state') : undefined;
  if (!base) return undefined;
  const hash = createHash('sha256').update(configFile).digest('hex').slice(0, 16);
  const name = basename(configFile).replace(/[^A-Za-z0-9._-]/g, '_');
  return join(base, 'ovirt-floppy', `${name}-${hash}.state.json`);
}

export type ReadState = { kind: 'missing' } | { kind: 'ok'; state: HistoryState } | { kind: 'corrupt'; why: string };

function isEntry(e: unknown): e is StateEntry {
  if (e === null || typeof e !== 'object') return false;
  const o = e as Record<string, unknown>;
  return (
    typeof o.host === 'string' &&
    typeof o.check === 'string' &&
    (o.status === 'failing' || o.status === 'passing') &&
    typeof o.since === 'string' &&
    !Number.isNaN(Date.parse(o.since)) &&
    typeof o.last === 'string'
  );
}

/** Parses a state file's text; anything unexpected is `corrupt` with the reason. */
export function parseState(text: string): ReadState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { kind: 'corrupt', why: `not JSON (${(error as Error).message})` };
  }
  const o = data as Partial<HistoryState> | null;
  if (o === null || typeof o !== 'object' || o.version !== 1) return { kind: 'corrupt', why: 'not an ovirt-floppy state file (version 1)' };
  if (!Array.isArray(o.entries) || !o.entries.every(isEntry))
    return { kind: 'corrupt', why: 'entries are not a list of {host, check, status, since, last}' };
  return { kind: 'ok', state: { version: 1, config: String(o.config ?? ''), updatedAt: String(o.updatedAt ?? ''), entries: o.entries } };
}

export async function readStateFile(path: string): Promise<ReadState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'corrupt', why: `cannot read it (${(error as Error).message})` };
  }
  return parseState(text);
}

/** Creates the directory (0700: the history names hosts and what is wrong with them) and writes atomically. */
export async function writeStateFile(path: string, state: HistoryState): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeOutputAtomic(path, `${JSON.stringify(state, null, 1)}\n`, { mode: 0o600 });
}
