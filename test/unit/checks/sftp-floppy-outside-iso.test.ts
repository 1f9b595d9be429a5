import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/errors.js';
import check, { isInsideIsoImages } from '../../../checks/sftp-floppy-outside-iso.js';
import { probeWithFake } from '../../support/check-harness.js';
import { fixture, preflight, sftpContext } from './lib/fixtures.js';

const ID = 'sftp-floppy-outside-iso';

describe('sftp-floppy-outside-iso', () => {
  it('compliant: /exports/iso/floppy resolves to itself (captured)', async () => {
    const ctx = sftpContext();
    expect(check.compare(await probeWithFake(check, ctx, fixture(ID, 'compliant')), ctx)).toEqual([]);
  });

  it('drift: a symlink into an ISO domain images/1111… directory (dom_md beside images/), captured', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'symlink-into-iso-domain'));
    expect(o.path.isDomain).toBe(true);
    const [f] = check.compare(o, ctx);
    expect(f).toMatchObject({ code: 'inside-iso-domain', fixable: false });
    expect(f!.message).toContain(
      'resolves to /exports/iso/6e0b7c2a-8d4f-4b43-9d2a-2f1c3b4a5d6e/images/11111111-1111-1111-1111-111111111111/floppy',
    );
  });

  it('matches the images directory itself and below, not look-alikes', () => {
    expect(isInsideIsoImages('/x/sd/images/11111111-1111-1111-1111-111111111111')).toBe(true);
    expect(isInsideIsoImages('/x/sd/images/11111111-1111-1111-1111-111111111111/floppy')).toBe(true);
    expect(isInsideIsoImages('/x/sd/images/11111111-1111-1111-1111-1111111111112')).toBe(false);
    expect(isInsideIsoImages('/exports/iso/floppy')).toBe(false);
  });

  it('not applicable without an sftp host', () => {
    const ctx = sftpContext();
    ctx.config.sftp = undefined;
    expect(preflight(check, ctx).status).toBe('skipped');
  });

  it('garbage: ParseError', async () => {
    await expect(
      probeWithFake(check, sftpContext(), { path: { stdout: 'readlink: invalid option\n', exitCode: 1 } }),
    ).rejects.toBeInstanceOf(ParseError);
  });
});
