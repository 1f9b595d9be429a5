/**
 * The planned sshd configuration against a REAL sshd (lib/real-sshd.ts): the candidate validates with `sshd -t`,
 * the drop-in validation catches what validating the drop-in alone cannot, and `sshd -T -C` of the result
 * satisfies the check's own compare. Input: the stock Debian 12 sshd_config captured from the lab rootfs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import check from '../../../../checks/sftp-sshd-chroot.js';
import { parseSshdEffective } from '../../../../checks/lib/sshd-effective.js';
import { planSshdBlock } from '../../../../checks/lib/sshd-plan.js';
import { dropInValidateArgv, mainValidateArgv } from '../../../../checks/lib/sshd-validate.js';
import { fixture, sftpContext } from './fixtures.js';
import { findRealSshd } from './real-sshd.js';

const sshd = findRealSshd();
const DEBIAN = fixture('sftp-sshd-chroot', 'stock-debian12').main!.stdout;
const SPEC = 'user=sftp-floppy-upload,host=localhost,addr=127.0.0.1';
const file = (content: string) => ({ content, mode: '0644', owner: 'root', group: 'root' });

if (typeof sshd === 'string') console.warn(`SKIPPED real sshd tests: ${sshd}`);

describe.skipIf(typeof sshd === 'string')('planned sshd config against a real sshd', () => {
  const s = sshd as Exclude<typeof sshd, string>;
  afterAll(() => s.cleanup());
  const substitute = (argv: string[], candidate: string) => argv.map((a) => (a === '{}' ? candidate : a));
  const compareEffective = (configPath: string) => {
    const t = s.run([s.path, '-T', '-f', configPath, '-C', SPEC]);
    const ctx = sftpContext();
    const observed = { effective: parseSshdEffective(t.out, t.code), files: new Map(), main: DEBIAN, dropIn: undefined };
    // Info findings (no /dev/log socket in this scratch chroot) are not what these tests are about.
    return check.compare(observed, ctx).filter((f) => f.severity !== 'info');
  };

  it('sshd_config without Include: the appended block passes `sshd -t -f candidate` and is effective', () => {
    const main = `${DEBIAN.replace(/^Include .*\n/m, '')}HostKey ${s.hostKey}\n`;
    const plan = planSshdBlock({
      main: file(main),
      subsystemMissing: false,
      block: { user: 'sftp-floppy-upload', chrootDir: '/srv/floppy_chroot', opensshVersion: '9.2p1' },
      sshd: s.path,
    });
    if (plan.kind !== 'write') throw new Error(plan.reason);
    const candidate = join(s.dir, '.ovirt-floppy.cand1');
    writeFileSync(candidate, plan.content, { mode: 0o644 });
    const v = substitute(mainValidateArgv(s.path), candidate);
    expect(s.run(v)).toEqual({ code: 0, out: '' });
    expect(compareEffective(main)).not.toEqual([]); // the live file before: drift
    expect(compareEffective(candidate)).toEqual([]);
  });

  it('Include first: the drop-in is validated inside the full configuration; a duplicate Subsystem is caught and named with live paths', () => {
    const etc = join(s.dir, 'etc-ssh');
    const dropDir = join(etc, 'sshd_config.d');
    mkdirSync(dropDir, { recursive: true, mode: 0o755 });
    const mainPath = join(etc, 'sshd_config');
    // The live layout of the test: Debian's file, its Include pointing at this test's sshd_config.d.
    const main = `${DEBIAN.replace('/etc/ssh/sshd_config.d/', `${dropDir}/`)}HostKey ${s.hostKey}\n`;
    writeFileSync(mainPath, main, { mode: 0o644 });
    writeFileSync(join(dropDir, '10-other.conf'), 'PermitRootLogin no\n', { mode: 0o644 });
    const plan = planSshdBlock({
      main: file(DEBIAN),
      subsystemMissing: false,
      block: { user: 'sftp-floppy-upload', chrootDir: '/srv/floppy_chroot', opensshVersion: '9.2p1' },
      sshd: s.path,
    });
    if (plan.kind !== 'write') throw new Error(plan.reason);
    const validate = dropInValidateArgv({ sshd: s.path, mainPath, dropInDir: dropDir, dropInName: '50-ovirt-floppy.conf' });

    const good = join(dropDir, '.ovirt-floppy.good');
    writeFileSync(good, plan.content, { mode: 0o644 });
    expect(s.run(substitute(validate, good))).toEqual({ code: 0, out: '' });

    const bad = join(dropDir, '.ovirt-floppy.bad');
    writeFileSync(bad, `Subsystem sftp internal-sftp\n${plan.content}`, { mode: 0o644 });
    // Alone, the bad drop-in is a perfectly valid file: that is why the full configuration is validated.
    expect(s.run([s.path, '-t', '-f', bad, '-o', `HostKey=${s.hostKey}`]).code).toBe(0);
    const r = s.run(substitute(validate, bad));
    expect(r.code).not.toBe(0);
    expect(r.out.trim()).toBe(`${mainPath} line 115: Subsystem 'sftp' already defined.`);

    // Installed, the good drop-in makes the effective config compliant, and the other drop-in still applies.
    writeFileSync(join(dropDir, '50-ovirt-floppy.conf'), plan.content, { mode: 0o644 });
    expect(compareEffective(mainPath)).toEqual([]);
    expect(s.run([s.path, '-T', '-f', mainPath, '-C', SPEC]).out).toMatch(/^permitrootlogin no$/m);
  });

  it('the stock file itself is drift for the upload user', () => {
    const main = join(s.dir, 'stock');
    writeFileSync(main, `${DEBIAN.replace(/^Include .*\n/m, '')}HostKey ${s.hostKey}\n`, { mode: 0o644 });
    expect(compareEffective(main).map((f) => f.code)).toEqual(['force-command', 'chroot-directory', 'forwarding-allowed', 'tty-allowed']);
  });
});
