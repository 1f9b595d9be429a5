/** Stop hosts and remove their directories (test/lab/sh/teardown.sh), then prove nothing stayed mounted. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { mountsUnder } from './mounts.js';
import { scripts } from './paths.js';
import { LabError, runOk } from './run.js';

/** Host directories (those holding a `pid` file or a root) directly inside `hostsDir`. */
export async function hostDirsIn(hostsDir: string): Promise<string[]> {
  const names = await fs.readdir(hostsDir).catch(() => [] as string[]);
  return names.map((n) => path.join(hostsDir, n));
}

/** Kill the hosts in `hostDirs`, unmount everything below `scope`, delete the host dirs. */
export async function teardownHosts(scope: string, hostDirs: readonly string[]): Promise<void> {
  await runOk('bash', [scripts.teardown, scope, ...hostDirs]);
  const left = await mountsUnder(scope);
  if (left.length > 0) throw new LabError(`still mounted after teardown: ${left.join(', ')}`);
}

/** Remove a directory tree only when nothing is mounted below it (never delete through a bind). */
export async function removeUnmounted(dir: string): Promise<void> {
  const left = await mountsUnder(dir);
  if (left.length > 0) throw new LabError(`not removing ${dir}: still mounted: ${left.join(', ')}`);
  await fs.rm(dir, { recursive: true, force: true });
}
