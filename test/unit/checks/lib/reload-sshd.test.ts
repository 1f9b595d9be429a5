import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RELOAD_SCRIPT, reloadSshd } from '../../../../checks/handlers/reload-sshd.js';
import { makeContext } from '../../../support/check-harness.js';

describe('handler reload-sshd', () => {
  it("validates with the host's sshd, then reloads the host's unit (Debian: ssh)", () => {
    const ctx = makeContext({ host: { name: 'sftp', role: 'sftp', address: '127.0.1.20' } });
    expect(reloadSshd.plan(ctx).map((s) => s.run)).toEqual([
      { argv: ['/usr/sbin/sshd', '-t'] },
      { argv: ['sh', '-c', RELOAD_SCRIPT, 'sh', 'ssh'] },
    ]);
  });

  it('EL: sshd', () => {
    const ctx = makeContext({ facts: { sshdService: 'sshd', sshdPath: '/usr/sbin/sshd' } });
    expect(reloadSshd.plan(ctx)[1]!.run).toEqual({ argv: ['sh', '-c', RELOAD_SCRIPT, 'sh', 'sshd'] });
  });

  it("a failed reload of an inactive unit says first that sshd is not running; an active one keeps systemd's words", () => {
    const run = (active: boolean) => {
      const dir = mkdtempSync(join(tmpdir(), 'reload-sshd-'));
      // A systemctl that fails the reload as systemd does for an inactive unit, and answers is-active.
      writeFileSync(
        join(dir, 'systemctl'),
        `#!/bin/sh\ncase "$1" in reload) echo "$2.service is not active, cannot reload." >&2; exit 1;; is-active) exit ${active ? 0 : 3};; esac\n`,
        { mode: 0o755 },
      );
      const r = spawnSync('sh', ['-c', RELOAD_SCRIPT, 'sh', 'ssh'], { encoding: 'utf8', env: { PATH: `${dir}:/usr/bin:/bin` } });
      rmSync(dir, { recursive: true, force: true });
      return { code: r.status, lines: r.stderr.trim().split('\n') };
    };
    expect(run(false)).toEqual({
      code: 1,
      lines: [
        'sshd is not running (ssh.service is not active): the written configuration is valid (sshd -t) but not active; start it: systemctl start ssh',
        'ssh.service is not active, cannot reload.',
      ],
    });
    expect(run(true)).toEqual({ code: 1, lines: ['ssh.service is not active, cannot reload.'] });
  });
});
