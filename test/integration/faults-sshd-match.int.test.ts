/**
 * Foreign Match blocks that catch the upload user (issue #13): the tool's block is in sshd_config (an Include that
 * does not pull in our drop-in, as on RHEL 8 without Include), and an admin has put three blocks ABOVE it: `Match
 * Address 127.0.0.0/8` (forwarding back on), `Match Group partners` (a supplementary group of the upload user: no
 * chroot) and `Match LocalAddress <the sftp host>` (TTY). sshd: the first obtained value wins, so they override our
 * block. check must see them with the real connection parameters (`Match LocalAddress` is never evaluated, and
 * makes `sshd -T -C` fail, without laddr/lport) and name them; the live proof (a new login as the upload user) must
 * agree; apply moves our block above the first foreign Match and converges; the new login then proves it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/result/model.js';
import { sshRoot, startGroup, type LabGroup } from '../lab/api.js';
import { uploadUserCommands } from '../support/lab-scene.js';
import { runJson } from '../support/run-cli.js';

const USER = 'sftp-floppy-upload';
let group: LabGroup;
let sftp: string;
const cfg = () => ['-c', group.configPath];
const chrootCheck = (r: RunReport) => r.hosts.find((h) => h.role === 'sftp')!.checks.find((c) => c.id === 'sftp-sshd-chroot')!;
const foreignBlocks = () =>
  [
    'Match Address 127.0.0.0/8',
    '\tDisableForwarding no',
    '\tAllowTcpForwarding yes',
    'Match Group partners',
    '\tChrootDirectory none',
    `Match LocalAddress ${sftp}`,
    '\tPermitTTY yes',
  ].join('\\n');

beforeAll(async () => {
  group = await startGroup({ sftp: true });
  sftp = group.sftp!.address;
  const setup = await sshRoot(
    sftp,
    [
      'groupadd partners',
      ...uploadUserCommands(USER, 'partners'),
      // Keep the lab's own drop-in (ListenAddress on loopback) but not ours: the block then goes into sshd_config.
      "sed -i 's#^Include /etc/ssh/sshd_config.d/\\*\\.conf#Include /etc/ssh/sshd_config.d/00-lab.conf#' /etc/ssh/sshd_config",
      'grep -q "^Include /etc/ssh/sshd_config.d/00-lab.conf$" /etc/ssh/sshd_config',
    ].join(' && '),
  );
  expect(setup.code, setup.stderr).toBe(0);
});
afterAll(async () => {
  await group?.stop();
});

describe('foreign Match blocks above ours', () => {
  it('setup: apply puts our block into sshd_config; the admin then inserts three Match blocks above it and reloads', async () => {
    const a = await runJson(['apply', ...cfg(), '--yes']);
    expect(a.code, a.stderr).toBe(0);
    const r = await sshRoot(
      sftp,
      [
        `printf '${foreignBlocks()}\\n' > /tmp/foreign`,
        `awk 'index($0, "# BEGIN ovirt-floppy") == 1 { while ((getline l < "/tmp/foreign") > 0) print l } { print }' /etc/ssh/sshd_config > /tmp/c`,
        'cat /tmp/c > /etc/ssh/sshd_config',
        'sshd -t',
        'systemctl reload ssh',
        'grep -n -e "^Match" -e "^# BEGIN ovirt-floppy" /etc/ssh/sshd_config',
      ].join(' && '),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => l.replace(/^\d+:/, '')),
    ).toEqual([
      'Match Address 127.0.0.0/8',
      'Match Group partners',
      `Match LocalAddress ${sftp}`,
      '# BEGIN ovirt-floppy managed block',
      `Match User ${USER}`,
    ]);
  });

  it('check names each foreign block with file and line; the new login as the upload user agrees (forward opened)', async () => {
    const r = await runJson(['check', ...cfg()]);
    expect(r.code, r.stderr).toBe(1);
    const c = chrootCheck(r.report);
    expect(c.status).toBe('drift');
    const by = (code: string) => c.findings.find((f) => f.code === code)?.message ?? '';
    expect(by('chroot-directory')).toMatch(
      /; set by a foreign Match Group partners \(\/etc\/ssh\/sshd_config line \d+: chrootdirectory none\)/,
    );
    expect(by('forwarding-allowed')).toContain('set by a foreign Match Address 127.0.0.0/8');
    // Only evaluated with laddr from $SSH_CONNECTION (before issue #13: "sshd rejects its configuration").
    expect(by('tty-allowed')).toContain(`set by a foreign Match LocalAddress ${sftp}`);
    expect(c.findings.map((f) => f.code)).not.toContain('sshd-config-invalid');
    expect(by('running-sshd-unconfined')).toMatch(/TCP forward .* opened/);
    expect(c.findings.filter((f) => f.fixable === false && f.severity !== 'info')).toEqual([]);
  });

  it('apply moves our block above the first foreign Match and converges; check 0, the foreign blocks untouched', async () => {
    const a = await runJson(['apply', ...cfg(), '--yes']);
    const problems = a.report.hosts[0]!.checks.filter((c) => c.status !== 'ok' && c.status !== 'fixed');
    expect(a.code, JSON.stringify(problems)).toBe(0);
    expect(chrootCheck(a.report).status).toBe('fixed');
    expect(a.report.hosts[0]!.handlers.map((h) => [h.name, h.status])).toEqual([['reload-sshd', 'applied']]);
    const r = await sshRoot(sftp, `grep -n -e "^Match" -e "^# BEGIN ovirt-floppy" /etc/ssh/sshd_config; id -nG ${USER}`);
    const lines = r.stdout.trim().split('\n');
    expect(lines.slice(0, 5).map((l) => l.replace(/^\d+:/, ''))).toEqual([
      '# BEGIN ovirt-floppy managed block',
      `Match User ${USER}`,
      'Match Address 127.0.0.0/8',
      'Match Group partners',
      `Match LocalAddress ${sftp}`,
    ]);
    // Still in the group: the Match Group block still matches the user, it just comes second now.
    expect(lines[5]!.split(' ')).toContain('partners');
    const c = await runJson(['check', ...cfg()]);
    expect(c.code, JSON.stringify(chrootCheck(c.report).findings)).toBe(0);
    // The new login after the reload (the live proof) found nothing: no running-sshd-unconfined.
    expect(chrootCheck(c.report).findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});
