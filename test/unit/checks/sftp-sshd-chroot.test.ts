import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/errors.js';
import check from '../../../checks/sftp-sshd-chroot.js';
import { logsTransfers, parseSshdVersion, renderManagedBlock } from '../../../checks/lib/sshd-block.js';
import { dropInValidateArgv, mainValidateArgv } from '../../../checks/lib/sshd-validate.js';
import { commandOf, probeWithFake } from '../../support/check-harness.js';
import { fixture, preflight, sftpContext } from './lib/fixtures.js';

const ID = 'sftp-sshd-chroot';
const BLOCK = renderManagedBlock({
  user: 'sftp-floppy-upload',
  chrootDir: '/srv/floppy_chroot',
  opensshVersion: '9.2p1',
  withSubsystem: false,
});
const DROPIN_VALIDATE = dropInValidateArgv({
  sshd: '/usr/sbin/sshd',
  mainPath: '/etc/ssh/sshd_config',
  dropInDir: '/etc/ssh/sshd_config.d',
  dropInName: '50-ovirt-floppy.conf',
});

describe('sftp-sshd-chroot', () => {
  it('asks sshd for the effective config with the real connection: user, host and addr always (OpenSSH < 7.7)', () => {
    const p = check.probe(sftpContext());
    const script = commandOf(p.effective!);
    expect(script).toContain('set -- $SSH_CONNECTION');
    expect(script).toContain('one "user=$u,host=$1,addr=$1$l" "user=$u,host=$1,addr=$1"');
    expect(script).toContain('one "user=$u,host=localhost,addr=127.0.0.1"');
    expect(script).not.toContain('for a in');
    expect(commandOf(p.main!)).toBe('cat /etc/ssh/sshd_config');
    const ctx = sftpContext();
    ctx.config.sftp!.uploadFrom = ['192.0.2.7', '2001:db8::7'];
    expect(commandOf(check.probe(ctx).effective!)).toContain(
      'for a in 192.0.2.7 2001:db8::7; do one "user=$u,host=$a,addr=$a$l" "user=$u,host=$a,addr=$a"; done',
    );
  });

  it('asks sshd itself for its version (the sftp host only; no longer a host fact every hypervisor runs)', async () => {
    expect(commandOf(check.probe(sftpContext()).version!)).toBe('sshd -V 2>&1');
    // Debian 12's sshd has -V (captured, fixtures' source.txt): "OpenSSH_9.2, OpenSSL …", no portable suffix.
    expect((await probeWithFake(check, sftpContext(), fixture(ID, 'compliant'))).version).toBe('9.2');
    // Without -V (EL7's 7.4p1) the unknown option makes sshd print its usage, which starts with the same banner.
    expect(
      parseSshdVersion(
        'unknown option -- V\nOpenSSH_7.4p1, OpenSSL 1.0.2k-fips  26 Jan 2017\nusage: sshd [-46DdeiqTt] [-C connection_spec] [-c host_cert_file]\n',
        1,
      ),
    ).toBe('7.4p1');
    expect(parseSshdVersion('OpenSSH_8.0p1 Ubuntu-6ubuntu0.1, OpenSSL 1.1.1f  31 Mar 2020\n', 0)).toBe('8.0p1');
    expect(parseSshdVersion('sh: 1: eval: sshd: not found\n', 127)).toBeUndefined();
    expect(parseSshdVersion('Welcome to the machine\n', 0)).toBeUndefined();
  });

  it("the block follows sshd's version; an unknown version renders the old-style block, as before", async () => {
    const ctx = sftpContext();
    const stock = fixture(ID, 'stock-debian12');
    const writeOf = async (version: { stdout: string; exitCode: number }) => {
      const o = await probeWithFake(check, ctx, { ...stock, version });
      return (check.fix!(o, ctx)[0]!.run as { writeFile: { content: string } }).writeFile.content;
    };
    expect(await writeOf(stock.version!)).toBe(`${BLOCK.join('\n')}\n`);
    const old = renderManagedBlock({
      user: 'sftp-floppy-upload',
      chrootDir: '/srv/floppy_chroot',
      opensshVersion: undefined,
      withSubsystem: false,
    });
    expect(old).toContain('\tAllowTcpForwarding no');
    expect(old).not.toContain('\tDisableForwarding yes');
    expect(await writeOf({ stdout: '', exitCode: 127 })).toBe(`${old.join('\n')}\n`);
    expect(await writeOf({ stdout: 'garbage\n', exitCode: 1 })).toBe(`${old.join('\n')}\n`);
    const v66 = renderManagedBlock({
      user: 'sftp-floppy-upload',
      chrootDir: '/srv/floppy_chroot',
      opensshVersion: '6.6.1p1',
      withSubsystem: false,
    });
    expect(
      await writeOf({ stdout: 'unknown option -- V\nOpenSSH_6.6.1p1, OpenSSL 1.0.1e-fips 11 Feb 2013\nusage: sshd\n', exitCode: 1 }),
    ).toBe(`${v66.join('\n')}\n`);
  });

  it('compliant: the drop-in block is effective (captured after apply)', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'compliant'));
    expect(check.compare(o, ctx)).toEqual([]);
    expect(check.fix!(o, ctx)).toEqual([]);
  });

  it('stock Debian 12: Include comes first, so the block goes into a new drop-in, validated with the full config', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'stock-debian12'));
    expect(check.compare(o, ctx).map((f) => f.code)).toEqual(['force-command', 'chroot-directory', 'forwarding-allowed', 'tty-allowed']);
    expect(check.fix!(o, ctx)).toEqual([
      {
        describe: 'add the ovirt-floppy Match block in /etc/ssh/sshd_config.d/50-ovirt-floppy.conf (validated with sshd -t first)',
        run: {
          writeFile: {
            path: '/etc/ssh/sshd_config.d/50-ovirt-floppy.conf',
            content: `${BLOCK.join('\n')}\n`,
            mode: '0600',
            owner: 'root',
            group: 'root',
            before: undefined,
            validate: DROPIN_VALIDATE,
            validateLive: ['/usr/sbin/sshd', '-t'],
          },
        },
        notify: 'reload-sshd',
      },
    ]);
  });

  it('drift in our own block: the block is rewritten in place, not duplicated', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'drift'));
    expect(check.compare(o, ctx).map((f) => f.code)).toEqual(['transfer-log-off', 'forwarding-allowed', 'tty-allowed']);
    const [step] = check.fix!(o, ctx);
    const w = step!.run as { writeFile: { content: string; before: string; path: string } };
    expect(w.writeFile.path).toBe('/etc/ssh/sshd_config.d/50-ovirt-floppy.conf');
    expect(w.writeFile.before).toContain('PermitTTY yes');
    expect(w.writeFile.content).toBe(`${BLOCK.join('\n')}\n`);
  });

  it('upload audit trail: a block without `-l INFO -f AUTHPRIV` drifts (warn) and is rewritten with it, umask kept', async () => {
    expect(BLOCK).toContain('\tForceCommand internal-sftp -u 0007 -l INFO -f AUTHPRIV');
    const ctx = sftpContext();
    const compliant = fixture(ID, 'compliant');
    // The block as releases before the audit trail wrote it: sshd -T prints ForceCommand verbatim.
    const old = (s: string) => s.replaceAll('internal-sftp -u 0007 -l INFO -f AUTHPRIV', 'internal-sftp -u 0007');
    const o = await probeWithFake(check, ctx, {
      ...compliant,
      effective: { ...compliant.effective!, stdout: old(compliant.effective!.stdout) },
      dropIn: { ...compliant.dropIn!, stdout: old(compliant.dropIn!.stdout) },
    });
    const findings = check.compare(o, ctx);
    expect(findings).toEqual([
      expect.objectContaining({
        code: 'transfer-log-off',
        severity: 'warn',
        actual: 'internal-sftp -u 0007',
        expected: 'internal-sftp -u 0007 -l INFO -f AUTHPRIV',
      }),
    ]);
    const [step] = check.fix!(o, ctx);
    expect((step!.run as { writeFile: { content: string } }).writeFile.content).toBe(`${BLOCK.join('\n')}\n`);
    expect(step!.describe).toMatch(/^update the ovirt-floppy Match block/);
  });

  it('a logging block without /dev/log in the chroot: info (not drift), the transfer log cannot reach syslog', async () => {
    const ctx = sftpContext();
    const probe = check.probe(ctx);
    expect(commandOf(probe.files!)).toContain('/srv/floppy_chroot/dev/log');
    // Captured in the lab after apply: the lab's sftp host runs no syslog daemon, so no socket in the jail.
    const findings = check.compare(await probeWithFake(check, ctx, fixture(ID, 'lab-compliant')), ctx);
    expect(findings).toEqual([expect.objectContaining({ code: 'transfer-log-socket-missing', severity: 'info', fixable: false })]);
  });

  it('logsTransfers: level INFO or above and facility AUTHPRIV, in any order and spelling', () => {
    expect(logsTransfers('internal-sftp -u 0007 -l INFO -f AUTHPRIV')).toBe(true);
    expect(logsTransfers('internal-sftp -f authpriv -l VERBOSE')).toBe(true);
    expect(logsTransfers('internal-sftp -lDEBUG2 -fAUTHPRIV')).toBe(true);
    expect(logsTransfers('internal-sftp -l ERROR -f AUTHPRIV')).toBe(false);
    expect(logsTransfers('internal-sftp -l INFO')).toBe(false);
    expect(logsTransfers('internal-sftp -l INFO -f LOCAL5')).toBe(false);
    expect(logsTransfers('/usr/libexec/openssh/sftp-server -l INFO -f AUTHPRIV')).toBe(false);
  });

  it("no Include (EL8 style): put before the admin's own Match block (first value wins), mode kept, validated with sshd -t -f", async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'no-include'));
    const [step] = check.fix!(o, ctx);
    const w = (step!.run as { writeFile: { content: string; before: string; mode: string; validate: string[] } }).writeFile;
    const admins = 'Match Group admins\n\tX11Forwarding yes\n';
    expect(w.before.endsWith(`\n\n${admins}`)).toBe(true);
    expect(w.content).toBe(w.before.replace(admins, `${BLOCK.join('\n')}\n\n${admins}`));
    expect(w.mode).toBe('0644');
    expect(w.validate).toEqual(mainValidateArgv('/usr/sbin/sshd'));
    // Captured after that write: the appended block wins for the user, the user's own Match is untouched.
    const after = await probeWithFake(check, ctx, fixture(ID, 'no-include-compliant'));
    expect(check.compare(after, ctx)).toEqual([]);
  });

  it("a configuration sshd rejects is reported in sshd's words and never written to", async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'invalid-config'));
    expect(check.compare(o, ctx)).toEqual([
      {
        code: 'sshd-config-invalid',
        message: "sshd rejects its configuration (exit 255): /etc/ssh/sshd_config line 123: Subsystem 'sftp' already defined.",
        fixable: false,
      },
    ]);
    expect(check.fix!(o, ctx)).toEqual([]);
  });

  it('sshd not installed (127) is one finding', async () => {
    const ctx = sftpContext();
    const answers = { ...fixture(ID, 'stock-debian12'), effective: { stdout: 'sh: 1: sshd: not found\n', exitCode: 127 } };
    const o = await probeWithFake(check, ctx, answers);
    expect(check.compare(o, ctx).map((f) => f.code)).toEqual(['sshd-missing']);
  });

  it('our block already in place but overridden by an earlier Match: reported as manual, nothing rewritten', async () => {
    const ctx = sftpContext();
    const compliant = fixture(ID, 'compliant');
    const stock = fixture(ID, 'stock-debian12');
    const o = await probeWithFake(check, ctx, { ...compliant, effective: stock.effective! });
    expect(check.compare(o, ctx).every((f) => f.fixable === false && f.message.includes('earlier Match'))).toBe(true);
    expect(check.fix!(o, ctx)).toEqual([]);
  });

  it('not applicable without an sftp host', () => {
    const ctx = sftpContext();
    ctx.config.sftp = undefined;
    expect(preflight(check, ctx).status).toBe('skipped');
  });

  it('garbage: ParseError', async () => {
    const answers = { ...fixture(ID, 'compliant'), effective: { stdout: 'Welcome to the machine\n', exitCode: 0 } };
    await expect(probeWithFake(check, sftpContext(), answers)).rejects.toBeInstanceOf(ParseError);
  });
});
