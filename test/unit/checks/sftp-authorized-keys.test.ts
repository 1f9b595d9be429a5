import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/errors.js';
import check from '../../../checks/sftp-authorized-keys.js';
import { labConfig, probeWithFake } from '../../support/check-harness.js';
import { fixture, preflight, sftpContext } from './lib/fixtures.js';

const ID = 'sftp-authorized-keys';
const KEY = labConfig().sftp!.authorizedKeys[0]!;
const SSH = '/home/sftp-floppy-upload/.ssh';

describe('sftp-authorized-keys', () => {
  it('compliant: key present, .ssh 0700, file 0600 (captured after apply)', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'compliant'));
    expect(o.keys.content).toBe(`${KEY}\n`);
    expect(check.compare(o, ctx)).toEqual([]);
    expect(check.fix!(o, ctx)).toEqual([]);
  });

  it('drift: other keys (with options, no final newline) are kept byte for byte, ours appended, .ssh tightened', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'drift'));
    const before = o.keys.content;
    expect(before.endsWith('legacy')).toBe(true);
    expect(check.compare(o, ctx).map((f) => f.code)).toEqual(['ssh-dir-mode', 'key-missing']);
    expect(check.compare(o, ctx)[1]!.message).toBe(`${SSH}/authorized_keys lacks ssh-ed25519 …yQmK3T2oWd1a upload@lab`);
    expect(check.fix!(o, ctx)).toEqual([
      { describe: `chmod 0700 ${SSH}`, run: { argv: ['chmod', '0700', SSH] } },
      {
        describe: `add 1 key to ${SSH}/authorized_keys`,
        run: {
          writeFile: {
            path: `${SSH}/authorized_keys`,
            content: `${before}\n${KEY}\n`,
            mode: '0600',
            owner: 'sftp-floppy-upload',
            group: '1000',
            before,
          },
        },
      },
    ]);
  });

  it('a user without .ssh gets the directory, the file, and restorecon when SELinux is on', async () => {
    const ctx = sftpContext({ facts: { selinux: 'enforcing' } });
    const compliant = fixture(ID, 'compliant');
    const stdout = compliant
      .keys!.stdout.split('\n')
      .filter((l) => !l.includes('/.ssh'))
      .join('\n')
      .replace(/@@authorized_keys\n.*$/s, '@@authorized_keys\n');
    const o = await probeWithFake(check, ctx, { keys: { stdout, exitCode: 0 } });
    expect(check.compare(o, ctx).map((f) => f.code)).toEqual(['ssh-dir-missing', 'key-missing']);
    expect(check.fix!(o, ctx).map((s) => ('argv' in s.run ? s.run.argv : 'writeFile' in s.run ? s.run.writeFile.path : s.run.sh))).toEqual([
      ['install', '-d', '-m', '0700', '-o', 'sftp-floppy-upload', '-g', '1000', SSH],
      `${SSH}/authorized_keys`,
      ['restorecon', '-R', SSH],
    ]);
  });

  it('not applicable without configured keys; skipped while the user check is not ok', () => {
    const ctx = sftpContext({ config: { sftp: { authorizedKeys: [] } } });
    expect(preflight(check, ctx)).toMatchObject({ status: 'skipped', reason: 'no sftp.authorizedKeys configured' });
    const earlier = { 'sftp-upload-user': 'drift' } as const;
    expect(preflight(check, sftpContext(), earlier)).toMatchObject({ status: 'skipped', reason: 'needs sftp-upload-user (drift)' });
  });

  it('garbage: ParseError', async () => {
    await expect(probeWithFake(check, sftpContext(), { keys: { stdout: 'hello\nworld\n', exitCode: 0 } })).rejects.toBeInstanceOf(
      ParseError,
    );
    const broken = fixture(ID, 'compliant').keys!.stdout.replace('|700|', '|rwx|');
    await expect(probeWithFake(check, sftpContext(), { keys: { stdout: broken, exitCode: 0 } })).rejects.toBeInstanceOf(ParseError);
  });
});
