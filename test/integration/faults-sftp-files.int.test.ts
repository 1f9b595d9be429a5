/**
 * Faults in the sftp server's own files (issue #13 items 4–6), injected for real on a fresh lab sftp host:
 *  - a Latin-1 byte (0xFC) in sshd_config: no sftp check errors, and the byte is still there after apply;
 *  - `password=…` in an unrelated cifs line of /etc/fstab: the secret is in no report of
 *    `apply --dry-run --diff` (every format) nor `apply`, nor in `check --output` files, nor on stderr;
 *  - the bind line apply writes survives a missing source at boot: the real systemd-fstab-generator makes it a
 *    `wants` of local-fs.target, not a `requires` (which would mean emergency mode).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/result/model.js';
import { sshRoot, startGroup, type LabGroup } from '../lab/api.js';
import { runCli, runJson } from '../support/run-cli.js';

const SECRET = 'S3cretValue42';
const CIFS = `//nas.example.com/backup /mnt/nas cifs username=backup,password=${SECRET},vers=3.0 0 0`;
const FORMATS = ['human', 'json', 'junit', 'nagios', 'prometheus'];
const GENERATOR = '/usr/lib/systemd/system-generators/systemd-fstab-generator';

let group: LabGroup;
let sftp: string;
const tmp = mkdtempSync(join(tmpdir(), 'ofl-faults-files-'));
const cfg = () => ['-c', group.configPath];

async function sha256(path: string): Promise<string> {
  const r = await sshRoot(sftp, `sha256sum ${path}`);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.split(' ')[0]!;
}

function sftpErrors(report: RunReport): string[] {
  return report.hosts
    .filter((h) => h.role === 'sftp')
    .flatMap((h) => h.checks.filter((c) => c.status === 'error').map((c) => `${c.id}: ${c.reason}`));
}

/** Where the real systemd-fstab-generator hooks a mount unit into local-fs.target for this fstab. */
function generatorLink(fstab: string, unit: string): string[] {
  const out = mkdtempSync(join(tmp, 'gen-'));
  for (const d of ['n', 'e', 'l']) mkdirSync(join(out, d));
  const file = join(out, 'fstab');
  writeFileSync(file, fstab);
  const r = spawnSync(GENERATOR, [join(out, 'n'), join(out, 'e'), join(out, 'l')], {
    env: { ...process.env, SYSTEMD_FSTAB: file, SYSTEMD_IN_INITRD: '0' },
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return ['local-fs.target.requires', 'local-fs.target.wants'].filter((d) => {
    try {
      return readdirSync(join(out, 'n', d)).includes(unit);
    } catch {
      return false;
    }
  });
}

let mainBefore: string;

beforeAll(async () => {
  group = await startGroup({ sftp: true });
  sftp = group.sftp!.address;
  const inject = await sshRoot(
    sftp,
    [
      // An admin's comment saved in Latin-1 (0xFC = ü), as in the review's measurement.
      "printf '# Verantwortlich: J\\374rgen\\n' >> /etc/ssh/sshd_config",
      `printf '%s\\n' '${CIFS}' >> /etc/fstab`,
    ].join(' && '),
  );
  expect(inject.code, inject.stderr).toBe(0);
  mainBefore = await sha256('/etc/ssh/sshd_config');
});
afterAll(async () => {
  await group?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('faults in the sftp server files', () => {
  it('Latin-1 byte in sshd_config: check runs every sftp check without error', async () => {
    const r = await runJson(['check', ...cfg()]);
    expect(r.code).toBe(1);
    expect(sftpErrors(r.report)).toEqual([]);
    expect(r.report.hosts[0]!.checks.filter((c) => c.status === 'drift').length).toBeGreaterThan(0);
  });

  it('password= in fstab: in no format of apply --dry-run --diff, though the diff shows that line redacted', async () => {
    for (const format of FORMATS) {
      const r = await runCli(['apply', ...cfg(), '--dry-run', '--diff', '--format', format]);
      expect(r.stdout + r.stderr, format).not.toContain(SECRET);
      if (format === 'human' || format === 'json') expect(r.stdout, format).toContain('password=<redacted>');
    }
  });

  it('apply converges (exit 0); its report and stderr, and check --output files, carry no secret', async () => {
    const r = await runCli(['apply', ...cfg(), '--yes', '--diff', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(sftpErrors(JSON.parse(r.stdout))).toEqual([]);
    for (const format of FORMATS) {
      const out = join(tmp, `report.${format}`);
      const c = await runCli(['check', ...cfg(), '--format', format, '--output', out]);
      expect(c.code, `${format}: ${c.stderr}`).toBe(0);
      expect(readFileSync(out, 'utf8') + c.stdout + c.stderr).not.toContain(SECRET);
    }
  });

  it('the Latin-1 sshd_config and the cifs line are byte for byte what they were; root still logs in', async () => {
    expect(await sha256('/etc/ssh/sshd_config')).toBe(mainBefore);
    const fstab = await sshRoot(sftp, 'cat /etc/fstab');
    expect(fstab.stdout.split('\n')).toContain(CIFS);
    expect((await sshRoot(sftp, 'grep -c "J.rgen" /etc/ssh/sshd_config; od -An -c /etc/ssh/sshd_config | grep -c 374')).stdout).toBe(
      '1\n1\n',
    );
  });

  it('the bind line apply wrote survives a missing source at boot (real systemd-fstab-generator: wants, not requires)', async () => {
    const fstab = (await sshRoot(sftp, 'cat /etc/fstab')).stdout;
    const ours = fstab.split('\n').find((l) => l.includes('/srv/floppy_chroot/floppy'))!;
    expect(ours).toMatch(/ none bind,nofail 0 0$/);
    const unit = 'srv-floppy_chroot-floppy.mount';
    expect(generatorLink(fstab, unit)).toEqual(['local-fs.target.wants']);
    // The oracle can fail: the line as older versions wrote it is a hard requirement of local-fs.target.
    expect(generatorLink(fstab.replace(ours, ours.replace('bind,nofail', 'bind')), unit)).toEqual(['local-fs.target.requires']);
  });
});
