/**
 * SIGINT to the CLI mid-apply (issue #13 item 7): the step in progress finishes (a file write is atomic), no
 * other step starts, the report still says what changed, and the exit is non-zero (3, incomplete). The step is
 * made slow for real on the host — `useradd` (the first step on a stock sftp server) waits 4 s after marking that
 * it started — so the signal lands while it runs.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/result/model.js';
import { sshRoot, startGroup, type LabGroup } from '../lab/api.js';

const ENTRY = fileURLToPath(new URL('../support/cli-entry.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SLOW_USERADD = '#!/bin/sh\ntouch /run/useradd-started\nsleep 4\nexec /usr/sbin/useradd.real "$@"\n';

let group: LabGroup;
let sftp: string;

beforeAll(async () => {
  group = await startGroup({ sftp: true });
  sftp = group.sftp!.address;
  const r = await sshRoot(
    sftp,
    `mv /usr/sbin/useradd /usr/sbin/useradd.real && printf '%s' '${SLOW_USERADD}' > /usr/sbin/useradd && chmod 0755 /usr/sbin/useradd`,
  );
  expect(r.code, r.stderr).toBe(0);
});
afterAll(async () => {
  await group?.stop();
});

describe('SIGINT mid-apply', () => {
  it('finishes the running step, starts nothing else, reports it, exits 3; root still logs in', async () => {
    const before = (await sshRoot(sftp, 'sha256sum /etc/fstab /etc/ssh/sshd_config')).stdout;
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'apply', '-c', group.configPath, '--yes', '--format', 'json'], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      for (let i = 0; i < 300; i++) {
        if ((await sshRoot(sftp, 'test -e /run/useradd-started')).code === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      child.kill('SIGINT');
      const code = await exited;
      const stderr = Buffer.concat(err).toString();
      expect(code, stderr).toBe(3);
      expect(stderr).toContain('interrupted: finishing the step in progress');
      const report = JSON.parse(Buffer.concat(out).toString()) as RunReport;
      const checks = report.hosts[0]!.checks;
      const user = checks.find((c) => c.id === 'sftp-upload-user')!;
      expect(user.changes.map((c) => c.status)).toEqual(['applied']);
      const notRun = checks.flatMap((c) => c.changes.filter((x) => x.status === 'not-run').map((x) => x.describe));
      expect(notRun.length).toBeGreaterThan(0);
      expect(checks.some((c) => c.status === 'error' && c.reason?.includes('interrupted (SIGINT)'))).toBe(true);
      // The step in progress finished; nothing after it ran: no half-written or changed file.
      expect((await sshRoot(sftp, 'getent passwd sftp-floppy-upload')).code).toBe(0);
      expect((await sshRoot(sftp, 'sha256sum /etc/fstab /etc/ssh/sshd_config')).stdout).toBe(before);
      expect((await sshRoot(sftp, 'ls -a /etc /etc/ssh | grep -c ovirt-floppy || true')).stdout.trim()).toBe('0');
      expect((await sshRoot(sftp, 'true')).code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
