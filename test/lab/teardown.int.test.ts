/**
 * Teardown kills only what it recorded: a `pid` file naming some other process (PID reuse after a crash)
 * must not get that process killed, and nothing outside the scope is touched.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRunning } from './host-process.js';
import { labPaths } from './paths.js';
import { teardownHosts } from './teardown.js';

describe('teardown', () => {
  it('does not kill a process that is not the host`s unshare', async () => {
    const scope = path.join(labPaths.dir, `teardown-test-${process.pid}`);
    const hostDir = path.join(scope, 'hosts', 'fake');
    await fs.mkdir(hostDir, { recursive: true });
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await fs.writeFile(path.join(hostDir, 'pid'), String(sleeper.pid));
      await teardownHosts(scope, [hostDir]);
      expect(await isRunning(sleeper.pid!)).toBe(true);
      await expect(fs.access(hostDir)).rejects.toThrow(); // the (unmounted) host dir itself is removed
    } finally {
      sleeper.kill('SIGKILL'); // our own child, by its PID
      await fs.rm(scope, { recursive: true, force: true });
    }
  });
});
