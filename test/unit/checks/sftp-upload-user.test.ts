import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/errors.js';
import check, { chooseShell } from '../../../checks/sftp-upload-user.js';
import { probeWithFake } from '../../support/check-harness.js';
import { fixture, preflight, sftpContext } from './lib/fixtures.js';

const ID = 'sftp-upload-user';

describe('sftp-upload-user', () => {
  it('compliant: user with nologin and "*" password (captured after apply)', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'compliant'));
    expect(o.passwd?.shell).toBe('/usr/sbin/nologin');
    expect(o.password).toBe('nopass');
    expect(check.compare(o, ctx)).toEqual([]);
    expect(check.fix!(o, ctx)).toEqual([]);
  });

  it('stock host: the missing user is the only finding, and useradd with the Debian nologin is planned', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'stock-debian12'));
    expect(check.compare(o, ctx)).toEqual([{ code: 'user-missing', message: 'user sftp-floppy-upload does not exist' }]);
    expect(check.fix!(o, ctx)).toEqual([
      {
        describe: 'create user sftp-floppy-upload (home directory, shell /usr/sbin/nologin, no password)',
        run: { argv: ['useradd', '-m', '-s', '/usr/sbin/nologin', '-p', '*', '-c', 'ovirt-floppy sftp upload', 'sftp-floppy-upload'] },
      },
    ]);
  });

  it('drift: bash shell and a password hash → usermod -s and usermod -p "*"', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'drift'));
    expect(check.compare(o, ctx).map((f) => [f.code, f.actual])).toEqual([
      ['user-has-shell', '/bin/bash'],
      ['password-set', 'hash'],
    ]);
    expect(check.fix!(o, ctx).map((s) => s.run)).toEqual([
      { argv: ['usermod', '-s', '/usr/sbin/nologin', 'sftp-floppy-upload'] },
      { argv: ['usermod', '-p', '*', 'sftp-floppy-upload'] },
    ]);
  });

  it('a "!"-locked account (passwd -l) drifts: key logins die with UsePAM no', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'locked'));
    expect(o.password).toBe('locked');
    expect(check.compare(o, ctx).map((f) => f.code)).toEqual(['password-locked']);
    expect(check.fix!(o, ctx).map((s) => s.run)).toEqual([{ argv: ['usermod', '-p', '*', 'sftp-floppy-upload'] }]);
  });

  it('EL hosts get /sbin/nologin, Debian /usr/sbin/nologin, whatever exists', () => {
    const all = ['/usr/sbin/nologin', '/sbin/nologin', '/usr/bin/false', '/bin/false'];
    expect(chooseShell(all, true)).toBe('/sbin/nologin');
    expect(chooseShell(all, false)).toBe('/usr/sbin/nologin');
    expect(chooseShell(['/bin/false'], false)).toBe('/bin/false');
    expect(chooseShell([], true)).toBeUndefined();
  });

  it('not applicable without an sftp host', () => {
    const ctx = sftpContext();
    ctx.config.sftp = undefined;
    expect(preflight(check, ctx)).toMatchObject({ status: 'skipped', reason: 'no sftp host in the configuration' });
  });

  it('garbage: ParseError, never a crash', async () => {
    const ctx = sftpContext();
    const answers = { ...fixture(ID, 'compliant'), passwd: { stdout: 'sftp-floppy-upload:x:notanumber\n', exitCode: 0 } };
    await expect(probeWithFake(check, ctx, answers)).rejects.toBeInstanceOf(ParseError);
    await expect(
      probeWithFake(check, ctx, { ...fixture(ID, 'compliant'), password: { stdout: 'maybe\n', exitCode: 0 } }),
    ).rejects.toBeInstanceOf(ParseError);
  });
});
