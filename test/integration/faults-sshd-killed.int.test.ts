/**
 * sshd killed between the write and the reload (issue #13). The lab's own sshd is PID 1 of the host (killing it
 * ends the host), so the sftp host runs the "ssh.service" daemon of this test as a second sshd on port 2222 (same
 * sshd_config, its own pid file), and the tool's config points at that port. A systemctl wrapper, on `reload ssh`,
 * kills that listener first and then answers as systemd answers a reload of an inactive unit ("ssh.service is not
 * active, cannot reload.", exit 1; `is-active` → inactive, 3): the lab's stand-in models only the PID-1 sshd. The
 * wording is systemctl's for a reload job whose result is "invalid" (systemd bus-wait-for-jobs.c check_wait_response:
 * "%s is not active, cannot reload."), as captured from real hosts, e.g. "systemctl reload 'monit' … with exit code
 * '1': monit.service is not active, cannot reload."
 *
 * What the tool must do: the reload-sshd handler fails, its first line saying that sshd is not running and that the
 * written configuration is valid but not active; apply exits 3; the already-open connection survives (sshd's session
 * processes outlive the listener), so the re-probe runs and the new login as the upload user fails and is reported;
 * the written drop-in passes `sshd -t` and is byte for byte the planned block (sha256), no temp file beside it.
 * Then the test starts the daemon again: root logs in, apply converges, check exits 0.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { renderManagedBlock } from '../../checks/lib/sshd-block.js';
import type { RunReport } from '../../src/result/model.js';
import { sshRoot, startGroup, type LabGroup } from '../lab/api.js';
import { systemctlWrapperCommands, uploadUserCommands } from '../support/lab-scene.js';
import { runJson } from '../support/run-cli.js';

const USER = 'sftp-floppy-upload';
const PORT = 2222;
const START_SSHD = `/usr/sbin/sshd -p ${PORT} -o PidFile=/run/sshd-svc.pid -E /var/log/sshd-svc.log && cat /run/sshd-svc.pid > /run/sshd-svc.main`;
// Fault: the ssh unit's daemon (port 2222) is killed by the reload; systemd then refuses to reload an inactive unit.
const KILLING_SYSTEMCTL = [
  '#!/bin/sh',
  'p=$(cat /run/sshd-svc.main)',
  'case "$*" in',
  '*reload*ssh*) kill "$p"; while kill -0 "$p" 2>/dev/null; do sleep 0.1; done',
  '  echo "ssh.service is not active, cannot reload." >&2; exit 1;;',
  '*is-active*ssh*) kill -0 "$p" 2>/dev/null && exit 0; case "$*" in *-q*) ;; *) echo inactive;; esac; exit 3;;',
  'esac',
  'exec /usr/bin/systemctl.real "$@"',
].join('\n');

let group: LabGroup;
let sftp: string;
let config: string;
const cfg = () => ['-c', config];
const sftpHost = (r: RunReport) => r.hosts.find((h) => h.role === 'sftp')!;
const chrootCheck = (r: RunReport) => sftpHost(r).checks.find((c) => c.id === 'sftp-sshd-chroot')!;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

beforeAll(async () => {
  group = await startGroup({ sftp: true });
  sftp = group.sftp!.address;
  const setup = await sshRoot(sftp, [...uploadUserCommands(USER), START_SSHD, ...systemctlWrapperCommands(KILLING_SYSTEMCTL)].join(' && '));
  expect(setup.code, setup.stderr).toBe(0);
  // The group's config, with the sftp host on the test's daemon: port 2222, its host key pinned as [addr]:2222.
  const c = parse(readFileSync(group.configPath, 'utf8')) as { ssh: { knownHostsFile: string }; sftp: { port?: number } };
  const known = readFileSync(c.ssh.knownHostsFile, 'utf8').split('\n');
  const mine = known.filter((l) => l.split(' ')[0] === sftp).map((l) => `[${sftp}]:${PORT} ${l.split(' ').slice(1).join(' ')}`);
  expect(mine.length).toBeGreaterThan(0);
  const knownHostsFile = join(group.dir, 'known_hosts.port2222');
  writeFileSync(knownHostsFile, [...known.filter((l) => l !== ''), ...mine, ''].join('\n'));
  config = join(group.dir, 'ovirt-floppy.port2222.yaml');
  writeFileSync(config, stringify({ ...c, ssh: { ...c.ssh, knownHostsFile }, sftp: { ...c.sftp, port: PORT } }));
});
afterAll(async () => {
  await group?.stop();
});

describe('sshd killed between write and reload', () => {
  it('apply exits 3: the handler says sshd is not running and the written config is valid but not active', async () => {
    const r = await runJson(['apply', ...cfg(), '--yes']);
    expect(r.code, r.stderr).toBe(3);
    const host = sftpHost(r.report);
    // The tool's own connection outlived the listener: the host was re-probed, not lost.
    expect(host.reachable).toBe(true);
    expect(host.handlers.map((h) => [h.name, h.status])).toEqual([['reload-sshd', 'failed']]);
    const c = chrootCheck(r.report);
    expect(c.status).toBe('error');
    expect(c.reason).toContain(`${group.id}-sftp: \`reload ssh\` exit 1`);
    expect(c.reason).toContain(
      ': sshd is not running (ssh.service is not active): the written configuration is valid (sshd -t) but not active; start it: systemctl start ssh',
    );
    // The live proof's new login (the re-probe after the handler) could not be made, and says so.
    const unproven = c.findings.find((f) => f.code === 'running-sshd-unproven');
    expect(unproven?.message).toContain(`a new login as upload user ${USER} failed`);
  });

  it('the written drop-in passes sshd -t and is exactly the planned block; no temp file; a new login is refused', async () => {
    const version = (await sshRoot(sftp, 'sshd -V 2>&1 | head -1')).stdout;
    const expected = `${renderManagedBlock({
      user: USER,
      chrootDir: '/srv/floppy_chroot',
      opensshVersion: /OpenSSH_([0-9][0-9A-Za-z.]*)/.exec(version)?.[1],
      withSubsystem: false,
    }).join('\n')}\n`;
    const r = await sshRoot(sftp, 'sshd -t && sha256sum /etc/ssh/sshd_config.d/50-ovirt-floppy.conf && ls -A /etc/ssh/sshd_config.d');
    expect(r.code, r.stderr).toBe(0);
    const [sumLine, ...files] = r.stdout.trim().split('\n');
    expect(sumLine!.split(' ')[0]).toBe(sha256(expected));
    expect(files).toEqual(['00-lab.conf', '50-ovirt-floppy.conf']);
    const check = await runJson(['check', ...cfg()]);
    expect(check.code).toBe(3);
    expect(sftpHost(check.report).reachable).toBe(false);
    expect(sftpHost(check.report).error).toMatch(/refused/i);
  });

  it('sshd started again: root logs in, apply converges, check exits 0', async () => {
    const start = await sshRoot(sftp, `${START_SSHD} && mv -f /usr/bin/systemctl.real /usr/bin/systemctl`);
    expect(start.code, start.stderr).toBe(0);
    const a = await runJson(['apply', ...cfg(), '--yes']);
    const host = sftpHost(a.report);
    expect(a.code, JSON.stringify(host.checks.filter((c) => c.status !== 'ok' && c.status !== 'fixed'))).toBe(0);
    expect(host.reachable).toBe(true);
    const r = await runJson(['check', ...cfg()]);
    expect(r.code, JSON.stringify(chrootCheck(r.report).findings)).toBe(0);
    expect(chrootCheck(r.report).findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});
