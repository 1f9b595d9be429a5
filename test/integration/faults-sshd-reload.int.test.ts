/**
 * The sshd reload fails (issue #13 item 1, "Must show"): the partner's key is already in place (an admin put it
 * there, or an earlier run got that far) and `systemctl reload ssh` fails the way systemd says it when ExecReload
 * fails. apply must fail (exit 3: the handler failed, so the sshd block is not active), and check, which reads
 * the files with `sshd -T`, must still say the truth about the RUNNING daemon: a new login as the upload user
 * opens a TCP forward, and the check names that user. Repaired reload → apply converges, check is clean: the new
 * login after the reload is the proof.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/result/model.js';
import { sshRoot, startGroup, type LabGroup } from '../lab/api.js';
import { systemctlWrapperCommands, uploadUserCommands } from '../support/lab-scene.js';
import { runCli, runJson } from '../support/run-cli.js';

const USER = 'sftp-floppy-upload';
// Fault: systemctl reload of the ssh unit fails as systemd reports a failed ExecReload; everything else is real.
const FAILING_SYSTEMCTL = [
  '#!/bin/sh',
  'case "$*" in *reload*ssh*) printf \'%s\\n\' "Job for ssh.service failed because the control process exited with error code." \'See "systemctl status ssh.service" and "journalctl -xe" for details.\' >&2; exit 1;; esac',
  'exec /usr/bin/systemctl.real "$@"',
].join('\n');

let group: LabGroup;
let sftp: string;
const cfg = () => ['-c', group.configPath];
const chrootCheck = (r: RunReport) => r.hosts.find((h) => h.role === 'sftp')!.checks.find((c) => c.id === 'sftp-sshd-chroot')!;

beforeAll(async () => {
  group = await startGroup({ sftp: true });
  sftp = group.sftp!.address;
  const setup = await sshRoot(sftp, [...uploadUserCommands(USER), ...systemctlWrapperCommands(FAILING_SYSTEMCTL)].join(' && '));
  expect(setup.code, setup.stderr).toBe(0);
});
afterAll(async () => {
  await group?.stop();
});

describe('sshd reload fails', () => {
  it("apply exits 3; sftp-sshd-chroot is an error naming host, the handler command and systemd's first line", async () => {
    const r = await runJson(['apply', ...cfg(), '--yes']);
    expect(r.code, r.stderr).toBe(3);
    const c = chrootCheck(r.report);
    expect(c.status).toBe('error');
    expect(c.reason).toContain('reload-sshd handler failed');
    expect(c.reason).toContain(`${group.id}-sftp: \`reload ssh\` exit 1`);
    expect(c.reason).toContain('Job for ssh.service failed');
    expect(r.report.hosts[0]!.handlers.map((h) => [h.name, h.status])).toEqual([['reload-sshd', 'failed']]);
  });

  it('check (the files are right) names the upload user the RUNNING sshd does not confine; Nagios CRITICAL', async () => {
    const r = await runJson(['check', ...cfg()]);
    expect(r.code).toBe(1);
    const c = chrootCheck(r.report);
    expect(c.status).toBe('drift');
    const f = c.findings.find((x) => x.code === 'running-sshd-unconfined');
    expect(f?.message).toContain(`does not confine upload user ${USER}`);
    expect(f?.message).toMatch(/TCP forward .* opened/);
    const nagios = await runCli(['check', ...cfg(), '--format', 'nagios']);
    expect(nagios.code).toBe(2);
    expect(nagios.stdout).toContain(USER);
  });

  it('root can still log in; with the reload repaired, apply converges and the new login proves confinement', async () => {
    expect((await sshRoot(sftp, 'mv -f /usr/bin/systemctl.real /usr/bin/systemctl')).code).toBe(0);
    const a = await runJson(['apply', ...cfg(), '--yes']);
    expect(a.code, JSON.stringify(a.report.hosts[0]!.checks.filter((c) => c.status !== 'ok' && c.status !== 'fixed'))).toBe(0);
    expect(a.report.hosts[0]!.handlers.map((h) => [h.name, h.status])).toEqual([['reload-sshd', 'applied']]);
    const r = await runJson(['check', ...cfg()]);
    expect(r.code).toBe(0);
    // An info may remain (no syslog socket inside this lab's chroot); nothing that is drift.
    expect(chrootCheck(r.report).findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});
