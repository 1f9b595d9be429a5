import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/errors.js';
import check from '../../../checks/sftp-chroot-path.js';
import { commandOf, probeWithFake } from '../../support/check-harness.js';
import { fixture, preflight, sftpContext } from './lib/fixtures.js';

const ID = 'sftp-chroot-path';

describe('sftp-chroot-path', () => {
  it('probes all components with one stat -L', () => {
    const p = check.probe(sftpContext());
    expect(Object.values(p).map(commandOf)).toEqual(["stat -L -c '%u|%U|%g|%G|%a|%F|%n' -- / /srv /srv/floppy_chroot"]);
  });

  it('compliant (captured after apply)', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'compliant'));
    expect(check.compare(o, ctx)).toEqual([]);
    expect(check.fix!(o, ctx)).toEqual([]);
  });

  it('stock: the chroot is created root:root 0755', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'stock-debian12'));
    expect(check.compare(o, ctx)).toEqual([{ code: 'chroot-missing', message: '/srv/floppy_chroot does not exist', fixable: true }]);
    expect(check.fix!(o, ctx)).toEqual([
      {
        describe: 'create /srv/floppy_chroot (root:root 0755)',
        run: { argv: ['install', '-d', '-m', '0755', '-o', 'root', '-g', 'root', '/srv/floppy_chroot'] },
      },
    ]);
  });

  it('drift: a user-owned parent and a group-writable chroot are tightened, nothing loosened', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'drift'));
    expect(check.compare(o, ctx)).toEqual([
      {
        code: 'chroot-owner',
        message: '/srv is owned by sftp-floppy-upload (uid 1000), not root',
        fixable: true,
        expected: 'root',
        actual: 'sftp-floppy-upload',
      },
      {
        code: 'chroot-writable',
        message: '/srv/floppy_chroot has mode 0775: group/other may write',
        fixable: true,
        expected: 'no group/other write',
        actual: '0775',
      },
    ]);
    expect(check.fix!(o, ctx).map((s) => s.run)).toEqual([
      { argv: ['chown', 'root', '/srv'] },
      { argv: ['chmod', 'go-w', '/srv/floppy_chroot'] },
    ]);
  });

  it('never touches / or a shared sticky directory such as /tmp', async () => {
    const ctx = sftpContext({ config: { sftp: { chrootDir: '/tmp/jail' } } });
    const stdout = '0|root|0|root|775|directory|/\n0|root|0|root|1777|directory|/tmp\n0|root|0|root|755|directory|/tmp/jail\n';
    const o = await probeWithFake(check, ctx, { stats: { stdout, exitCode: 0 } });
    expect(check.compare(o, ctx).map((f) => [f.code, f.fixable])).toEqual([
      ['chroot-writable', false],
      ['chroot-writable', false],
    ]);
    expect(check.fix!(o, ctx)).toEqual([]);
  });

  it('a chroot the user cannot enter gets o+rx', async () => {
    const ctx = sftpContext();
    const stdout = '0|root|0|root|755|directory|/\n0|root|0|root|755|directory|/srv\n0|root|0|root|750|directory|/srv/floppy_chroot\n';
    const o = await probeWithFake(check, ctx, { stats: { stdout, exitCode: 0 } });
    expect(check.compare(o, ctx).map((f) => f.code)).toEqual(['chroot-not-enterable']);
    expect(check.fix!(o, ctx).map((s) => s.run)).toEqual([{ argv: ['chmod', 'o+rx', '/srv/floppy_chroot'] }]);
  });

  it('not applicable without an sftp host', () => {
    const ctx = sftpContext();
    ctx.config.sftp = undefined;
    expect(preflight(check, ctx).status).toBe('skipped');
  });

  it('garbage: ParseError', async () => {
    await expect(
      probeWithFake(check, sftpContext(), { stats: { stdout: 'drwxr-xr-x root root /srv\n', exitCode: 0 } }),
    ).rejects.toBeInstanceOf(ParseError);
  });
});
