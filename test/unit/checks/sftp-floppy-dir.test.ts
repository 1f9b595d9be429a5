import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/errors.js';
import check, { isFloppyDirMode } from '../../../checks/sftp-floppy-dir.js';
import { probeWithFake } from '../../support/check-harness.js';
import { fixture, preflight, sftpContext } from './lib/fixtures.js';

const ID = 'sftp-floppy-dir';
const DIR = '/exports/iso/floppy';

describe('sftp-floppy-dir', () => {
  it('compliant: sftp-floppy-upload:kvm 2770 (captured after apply)', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'compliant'));
    expect(check.compare(o, ctx)).toEqual([]);
    expect(check.fix!(o, ctx)).toEqual([]);
  });

  it('stock: no kvm, no directory → groupadd -g 36 then install -d 2770', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'stock-debian12'));
    expect(check.compare(o, ctx).map((f) => f.code)).toEqual(['kvm-group-missing', 'floppy-dir-missing']);
    expect(check.fix!(o, ctx).map((s) => s.run)).toEqual([
      { argv: ['groupadd', '-r', '-g', '36', 'kvm'] },
      { argv: ['install', '-d', '-m', '2770', '-o', 'sftp-floppy-upload', '-g', 'kvm', DIR] },
    ]);
  });

  it('drift: root:root 2755 → chown and chmod 2770', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'drift'));
    expect(check.compare(o, ctx)).toEqual([
      { code: 'floppy-dir-owner', message: `${DIR} is owned by root`, expected: 'sftp-floppy-upload', actual: 'root' },
      { code: 'floppy-dir-group', message: `${DIR} has group root`, expected: 'kvm', actual: 'root', fixable: true },
      { code: 'floppy-dir-mode', message: `${DIR} has mode 2755`, expected: '0770 or 2770', actual: '2755' },
    ]);
    expect(check.fix!(o, ctx).map((s) => s.run)).toEqual([
      { argv: ['chown', 'sftp-floppy-upload:kvm', DIR] },
      { argv: ['chmod', '2770', DIR] },
    ]);
  });

  it('gid 36 taken by another group: kvm cannot be created, and says who holds 36', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, { ...fixture(ID, 'compliant'), groups: { stdout: 'sftpusers:x:36:\n', exitCode: 2 } });
    const [kvm] = check.compare(o, ctx);
    expect(kvm).toMatchObject({ code: 'kvm-group-missing', fixable: false });
    expect(kvm!.message).toContain('gid 36 belongs to sftpusers');
    expect(check.fix!(o, ctx)).toEqual([]);
  });

  it('accepts 0770, 2770 and o+x (root_squash), nothing else', () => {
    expect([0o770, 0o2770, 0o771, 0o2771].every(isFloppyDirMode)).toBe(true);
    expect([0o775, 0o750, 0o777, 0o4770, 0o1770, 0o2775].some(isFloppyDirMode)).toBe(false);
  });

  it('skipped while the upload user is not ok', () => {
    const r = preflight(check, sftpContext(), { 'sftp-upload-user': 'error' });
    expect(r).toMatchObject({ status: 'skipped', reason: 'needs sftp-upload-user (error)' });
  });

  it('garbage: ParseError', async () => {
    await expect(
      probeWithFake(check, sftpContext(), { ...fixture(ID, 'compliant'), groups: { stdout: 'kvm;36\n', exitCode: 0 } }),
    ).rejects.toBeInstanceOf(ParseError);
  });
});
