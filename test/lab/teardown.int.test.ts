/**
 * Teardown kills only what it recorded: a `pid` file naming some other process (PID reuse after a crash)
 * must not get that process killed, and nothing outside the scope is touched.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sshRoot, startGroup } from './api.js';
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

  it("kills a hypervisor's libvirtd, virtlogd and QEMU (daemonized, not sshd's children) by PID and leaves none", async () => {
    const g = await startGroup({ hypervisors: [{ libvirtIdleSeconds: 600 }] });
    let inner: number[] = [];
    try {
      const hv = g.hypervisors[0]!;
      const r = await sshRoot(
        hv.address,
        'virsh list >/dev/null && ' +
          '(setsid qemu-system-x86_64 -machine q35 -accel tcg -nodefaults -display none -S </dev/null >/dev/null 2>&1 &) && sleep 1 && ps -eo comm=',
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/libvirtd/);
      expect(r.stdout).toMatch(/virtlogd/);
      expect(r.stdout).toMatch(/qemu-system-x86/);
      // The host's processes as this machine sees them: same pid namespace as its sshd (PID 1 there).
      const unshare = Number((await fs.readFile(path.join(g.dir, 'hosts', hv.name, 'pid'), 'utf8')).trim());
      const sshd = Number((await fs.readFile(`/proc/${unshare}/task/${unshare}/children`, 'utf8')).trim().split(/\s+/)[0]);
      const ns = await fs.readlink(`/proc/${sshd}/ns/pid`);
      for (const e of await fs.readdir('/proc')) {
        if (!/^\d+$/.test(e) || Number(e) === sshd) continue;
        if ((await fs.readlink(`/proc/${e}/ns/pid`).catch(() => '')) === ns) inner.push(Number(e));
      }
      expect(inner.length).toBeGreaterThanOrEqual(3);
    } finally {
      await g.stop();
    }
    for (const pid of inner) expect(await isRunning(pid), `PID ${pid}`).toBe(false);
    inner = [];
  }, 120_000);
});
