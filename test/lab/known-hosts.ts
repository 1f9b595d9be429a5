/**
 * `.lab/known_hosts` holds the default lab's host keys and those of every running group, so one file serves
 * `ssh -o UserKnownHostsFile=.lab/known_hosts` for any lab host. Groups add and remove their lines under the
 * lab lock; the file is replaced by rename, so a reader never sees half of it.
 */
import fs from 'node:fs/promises';
import { withLock } from './lock.js';
import { labPaths } from './paths.js';

async function rewrite(edit: (lines: string[]) => string[]): Promise<void> {
  await withLock(labPaths.lock, async () => {
    const text = await fs.readFile(labPaths.knownHosts, 'utf8').catch(() => '');
    const lines = edit(text.split('\n').filter((l) => l.trim() !== ''));
    const tmp = `${labPaths.knownHosts}.tmp-${process.pid}`;
    await fs.writeFile(tmp, lines.map((l) => `${l}\n`).join(''));
    await fs.rename(tmp, labPaths.knownHosts);
  });
}

export function addKnownHosts(lines: readonly string[]): Promise<void> {
  return rewrite((current) => [...current, ...lines]);
}

/** Drop every line whose host field is one of `addresses`. */
export function removeKnownHosts(addresses: readonly string[]): Promise<void> {
  const drop = new Set(addresses);
  return rewrite((current) => current.filter((l) => !drop.has(l.split(' ')[0] ?? '')));
}
