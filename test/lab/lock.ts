/**
 * A cross-process lock for the lab's shared files (group address allocation, `.lab/known_hosts`).
 * `mkdir` is atomic, so the directory is the lock; its `pid` file lets a later process break the lock of
 * a process that died holding it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { LabError } from './run.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: existence check only, nothing is sent
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function withLock<T>(lockDir: string, fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  await fs.mkdir(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fs.mkdir(lockDir);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number(await fs.readFile(path.join(lockDir, 'pid'), 'utf8').catch(() => ''));
    const stat = await fs.stat(lockDir).catch(() => undefined);
    // Owner gone, or a pid file never appeared (crash between mkdir and write): break the lock.
    if ((owner > 0 && !alive(owner)) || (!owner && stat && Date.now() - stat.mtimeMs > 5_000)) {
      await fs.rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new LabError(`lab lock ${lockDir} held by PID ${owner || '?'} for too long`);
    await new Promise((r) => setTimeout(r, 25));
  }
  await fs.writeFile(path.join(lockDir, 'pid'), String(process.pid));
  try {
    return await fn();
  } finally {
    await fs.rm(lockDir, { recursive: true, force: true });
  }
}
