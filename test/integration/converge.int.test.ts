/**
 * Issue #4 end to end on real lab hosts: a stock environment (DESIGN §5) is audited, planned, applied,
 * audited again and applied again — apply twice, changed then unchanged, is the idempotence proof.
 *
 * Lab limits (ovirt-facts-based stand-ins, see test/lab/standins/README.md): no kernel NFS (the hypervisors'
 * "NFS" mount is a bind mount, so the lab config accepts its fstype), no systemd (systemctl is a stand-in that
 * SIGHUPs sshd and restarts the engine stand-in), SELinux is a state file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/result/model.js';
import { sshRoot, startGroup, type LabGroup } from '../lab/api.js';
import { runCli, runJson } from '../support/run-cli.js';

let group: LabGroup;
const cfg = () => ['-c', group.configPath];
const checkOf = (report: RunReport, host: string, id: string) => report.hosts.find((h) => h.name === host)?.checks.find((c) => c.id === id);
const driftIds = (report: RunReport) =>
  report.hosts.flatMap((h) => h.checks.filter((c) => c.status === 'drift').map((c) => `${h.name}:${c.id}`)).sort();
const allFindings = (report: RunReport) => JSON.stringify(report.hosts.map((h) => h.checks.map((c) => [c.id, c.status, c.findings])));

async function engineValues(): Promise<string> {
  const r = await sshRoot(group.manager!.address, 'engine-config -g UserDefinedVMProperties');
  expect(r.code).toBe(0);
  return r.stdout;
}

const HOSTUSB = 'hostusb=^0x[0-9a-fA-F]{4}:0x[0-9a-fA-F]{4}$';

beforeAll(async () => {
  group = await startGroup({
    manager: true,
    hypervisors: [{ vdsmVersion: '4.30' }, { vdsmVersion: '4.30', selinux: 'enforcing', virtUseNfs: false }],
    sftp: true,
  });
});
afterAll(async () => {
  await group?.stop();
});

describe('stock lab → apply → converged', () => {
  let stock: RunReport;

  it('check exits 1 with drift on all three roles', async () => {
    const r = await runJson(['check', ...cfg()]);
    stock = r.report;
    expect(r.code).toBe(1);
    const roles = new Set(stock.hosts.filter((h) => h.checks.some((c) => c.status === 'drift')).map((h) => h.role));
    expect([...roles].sort()).toEqual(['hypervisor', 'manager', 'sftp']);
    // One connection and one probe exec per host (DESIGN §3).
    for (const h of stock.hosts) expect(h.stats).toEqual({ connections: 1, execs: 1 });
  });

  it('apply --dry-run --diff shows the sshd block, the fstab line and the property values, and changes nothing', async () => {
    const before = await engineValues();
    const r = await runCli(['apply', ...cfg(), '--dry-run', '--diff']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('+Match User sftp-floppy-upload');
    expect(r.stdout).toContain('+\tForceCommand internal-sftp');
    expect(r.stdout).toMatch(/\+\/exports\/iso\/floppy \/srv\/floppy_chroot\/floppy none bind,nofail 0 0/);
    // The long property regex is printed once, in the legend, and referred to as ‹n› (issue #16).
    const ref = /^ {2}(‹\d+›) \^\/rhev\/data-center\/mnt\//m.exec(r.stdout)?.[1];
    expect(ref).toBeDefined();
    expect(r.stdout).toContain(`level 4.6: floppy regex ^.*$ → ${ref}`);
    expect(r.stdout).toContain(`actual:   ${HOSTUSB};floppy=^.*$`);
    expect(r.stdout).toContain('dry run: nothing was changed');
    expect(await engineValues()).toBe(before);
    const again = await runJson(['check', ...cfg()]);
    expect(allFindings(again.report)).toBe(allFindings(stock));
  });

  it('apply --yes converges: exit 0, engine restarted once, sshd reloaded once', async () => {
    const r = await runJson(['apply', ...cfg(), '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(driftIds(r.report)).toEqual([]);
    const handlers = r.report.hosts.flatMap((h) => h.handlers.map((x) => `${h.role}:${x.name}:${x.status}`));
    expect(handlers.sort()).toEqual(['manager:restart-engine:applied', 'sftp:reload-sshd:applied']);
    expect(checkOf(r.report, `${group.id}-mgr`, 'manager-floppy-property')?.status).toBe('fixed');
    expect(checkOf(r.report, `${group.id}-sftp`, 'sftp-bind-mount')?.status).toBe('fixed');
  });

  it('keeps every other property byte for byte, in order, on every level', async () => {
    const out = await engineValues();
    const lines = Object.fromEntries(
      out
        .trim()
        .split('\n')
        .map((l) => {
          const m = /^UserDefinedVMProperties: (.*) version: (\S+)$/.exec(l)!;
          return [m[2], m[1]];
        }),
    );
    expect(Object.keys(lines).sort()).toEqual(['4.2', '4.3', '4.4', '4.5', '4.6', '4.7']);
    const dir =
      '^/rhev/data-center/mnt/' + group.nfsAddress.replace(/\./g, '\\.') + ':_exports_iso/floppy/[A-Za-z0-9][A-Za-z0-9._-]{0,127}';
    // payload auto (the default): the floppy and the CD property, appended in that order in one write per level.
    const floppy = `floppy=${dir}\\.(vfd|img|flp)$;floppycd=${dir}\\.iso$`;
    expect(lines['4.2']).toBe(floppy);
    expect(lines['4.3']).toBe(`${HOSTUSB};${floppy}`);
    expect(lines['4.5']).toBe(`${HOSTUSB};${floppy}`);
    expect(lines['4.6']).toBe(`${HOSTUSB};${floppy}`);
  });

  it('check exits 0 afterwards', async () => {
    const r = await runJson(['check', ...cfg()]);
    expect(r.code, JSON.stringify(driftIds(r.report))).toBe(0);
    // With engineApi (the lab's engine stand-in): the running engine already uses the new property.
    expect(checkOf(r.report, `${group.id}-mgr`, 'manager-engine-restart-pending')?.status).toBe('ok');
  });

  it('a second apply changes nothing: no step, no engine restart, no sshd reload, one exec per host', async () => {
    const r = await runJson(['apply', ...cfg(), '--yes']);
    expect(r.code).toBe(0);
    expect(r.report.summary.fixed).toBe(0);
    expect(r.report.hosts.flatMap((h) => h.checks.flatMap((c) => c.changes))).toEqual([]);
    expect(r.report.hosts.flatMap((h) => h.handlers)).toEqual([]);
    for (const h of r.report.hosts) expect(h.stats).toEqual({ connections: 1, execs: 1 });
  });
});

describe("the upload account after apply (real OpenSSH client, the upload user's own key)", () => {
  const asUpload = (command: string, input?: string) =>
    sshRoot(group.sftp!.address, command, {
      user: 'sftp-floppy-upload',
      identityFile: `${process.cwd()}/.lab/id_upload`,
      input,
      knownHostsFile: group.knownHostsPath,
    });

  it('can put and remove a file in the floppy directory, and sees only that directory at /', async () => {
    const { spawnSync } = await import('node:child_process');
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/of-sftp-');
    writeFileSync(`${dir}/t.vfd`, 'x');
    const sftp = (batch: string) =>
      spawnSync(
        'sftp',
        [
          '-F',
          '/dev/null',
          '-o',
          'BatchMode=yes',
          '-o',
          `UserKnownHostsFile=${group.knownHostsPath}`,
          '-o',
          'StrictHostKeyChecking=yes',
          '-o',
          'IdentitiesOnly=yes',
          '-i',
          `${process.cwd()}/.lab/id_upload`,
          '-b',
          '-',
          `sftp-floppy-upload@${group.sftp!.address}`,
        ],
        { input: batch, encoding: 'utf8' },
      );
    const put = sftp(`put ${dir}/t.vfd /floppy/t.vfd\nls -1 /\nrm /floppy/t.vfd\n`);
    expect(put.status, put.stderr).toBe(0);
    expect(
      put.stdout
        .split('\n')
        .filter((l) => l.startsWith('/') && !l.startsWith('/floppy/'))
        .map((l) => l.trim()),
    ).toEqual(['/floppy']);
    const root = sftp(`put ${dir}/t.vfd /x.vfd\n`);
    expect(root.status).not.toBe(0);
    expect(root.stderr).toMatch(/Permission denied/);
  });

  it('logs every transfer to syslog as authpriv.info through /dev/log inside the chroot (the upload audit trail)', async () => {
    const { spawnSync } = await import('node:child_process');
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    // A minimal syslog receiver where rsyslog's imuxsock would put the socket: a datagram socket at
    // <chroot>/dev/log (sshd's own -E log never sees these lines: internal-sftp calls syslog(3) after the chroot).
    const receiver = [
      'import os, socket, sys',
      'path = sys.argv[1]',
      'os.makedirs(os.path.dirname(path), exist_ok=True)',
      'os.path.exists(path) and os.unlink(path)',
      's = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(path); os.chmod(path, 0o666); s.settimeout(6)',
      'try:',
      '    while True: print(s.recv(8192).decode(errors="replace"), flush=True)',
      'except socket.timeout: pass',
    ].join('\n');
    const listening = sshRoot(group.sftp!.address, 'python3 - /srv/floppy_chroot/dev/log', { input: receiver });
    for (let i = 0; i < 50 && (await sshRoot(group.sftp!.address, 'test -S /srv/floppy_chroot/dev/log')).code !== 0; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const dir = mkdtempSync('/tmp/of-sftp-');
    writeFileSync(`${dir}/audit.vfd`, 'x');
    const put = spawnSync(
      'sftp',
      [
        '-F',
        '/dev/null',
        '-o',
        'BatchMode=yes',
        '-o',
        `UserKnownHostsFile=${group.knownHostsPath}`,
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        'IdentitiesOnly=yes',
        '-i',
        `${process.cwd()}/.lab/id_upload`,
        '-b',
        '-',
        `sftp-floppy-upload@${group.sftp!.address}`,
      ],
      { input: `put ${dir}/audit.vfd /floppy/audit.vfd\nrm /floppy/audit.vfd\n`, encoding: 'utf8' },
    );
    expect(put.status, put.stderr).toBe(0);
    const log = (await listening).stdout;
    // <86> = facility authpriv (10) * 8 + severity info (6): `-f AUTHPRIV -l INFO` reached sftp-server.
    expect(log).toMatch(/<86>.*internal-sftp\[\d+\]: open "\/floppy\/audit\.vfd" flags WRITE,CREATE,TRUNCATE/);
    expect(log).toMatch(/<86>.*internal-sftp\[\d+\]: remove name "\/floppy\/audit\.vfd"/);
    expect(log).toMatch(/session opened for local user sftp-floppy-upload/);
  });

  it('is refused a shell', async () => {
    const r = await asUpload('id');
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('This service allows sftp connections only.');
  });
});
