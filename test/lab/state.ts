/** `.lab/state.json` (and each group's copy): which hosts run, where, under which PID. */
import fs from 'node:fs/promises';
import type { Role } from '../../src/config/types.js';
import { labPaths } from './paths.js';
import { LabError } from './run.js';

export interface LabHost {
  name: string;
  role: Role;
  address: string;
  /** PID of the host's `unshare` process on this machine (SIGKILL it to stop the whole host). */
  pid: number;
  /** The host's root directory on this machine (its overlay mount). */
  root: string;
}

export interface LabState {
  hosts: LabHost[];
}

export async function writeState(file: string, state: LabState): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await fs.writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
  await fs.rename(tmp, file);
}

export async function readStateFile(file: string): Promise<LabState | undefined> {
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as LabState);
}

/** The default lab's state; a clear error when the lab is not up. */
export async function readLabState(): Promise<LabState> {
  const state = await readStateFile(labPaths.state);
  if (!state) throw new LabError(`the lab is not up (no ${labPaths.state}); run: npm run lab -- up`);
  return state;
}
