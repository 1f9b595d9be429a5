import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/errors.js';
import check from '../../../checks/sftp-stale-images.js';
import { parseFloppyListing } from '../../../checks/lib/sftp-stale-files.js';
import { probeWithFake } from '../../support/check-harness.js';
import { fixture, preflight, sftpContext } from './lib/fixtures.js';

const ID = 'sftp-stale-images';

describe('sftp-stale-images', () => {
  it('compliant: empty directory, and a fresh file is no finding (captured)', async () => {
    const ctx = sftpContext();
    expect(check.compare(await probeWithFake(check, ctx, fixture(ID, 'compliant')), ctx)).toEqual([]);
    const lenient = sftpContext({ config: { floppy: { maxAgeHours: 100 } } });
    expect(check.compare(await probeWithFake(check, lenient, fixture(ID, 'drift')), lenient)).toEqual([]);
  });

  it('stock: the directory does not exist yet → nothing to report (sftp-floppy-dir reports it)', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'stock-debian12'));
    expect(o.listing.files).toBeUndefined();
    expect(check.compare(o, ctx)).toEqual([]);
  });

  it('measures the age of the oldest image by the host clock (for ovirt_floppy_oldest_payload_age_seconds)', async () => {
    const ctx = sftpContext();
    // The drift capture: old-win10.vfd is 3 d 0 h old by the host's own `date +%s`.
    const drift = await probeWithFake(check, ctx, fixture(ID, 'drift'));
    const oldest = Math.max(...drift.listing.files!.map((f) => drift.listing.now - f.mtime));
    expect(oldest).toBeGreaterThan(72 * 3600);
    expect(check.measure!(drift, ctx)).toEqual({ 'oldest-payload-age-seconds': Math.round(oldest) });
    const empty = await probeWithFake(check, ctx, fixture(ID, 'compliant'));
    expect(check.measure!(empty, ctx)['oldest-payload-age-seconds']).toBeLessThan(24 * 3600);
    expect(check.measure!(await probeWithFake(check, ctx, fixture(ID, 'stock-debian12')), ctx)).toEqual({});
  });

  it('drift: names and ages by the host clock; manual without --cleanup-stale', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'drift'));
    expect(check.compare(o, ctx)).toEqual([
      {
        code: 'stale-image',
        message: 'old two.img is 30 h old (limit 24 h) and may hold domain-join secrets; `apply --cleanup-stale` removes it',
        actual: 'old two.img (0 bytes, 30 h)',
        fixable: false,
      },
      {
        code: 'stale-image',
        message: 'old-win10.vfd is 3 d 0 h old (limit 24 h) and may hold domain-join secrets; `apply --cleanup-stale` removes it',
        actual: 'old-win10.vfd (0 bytes, 3 d 0 h)',
        fixable: false,
      },
    ]);
    expect(check.fix!(o, ctx)).toEqual([]);
  });

  it('apply --cleanup-stale removes exactly the stale files, each quoted as its own argument', async () => {
    const ctx = sftpContext({ flags: { cleanupStale: true } });
    const o = await probeWithFake(check, ctx, fixture(ID, 'drift'));
    expect(check.compare(o, ctx).every((f) => f.fixable === true)).toBe(true);
    expect(check.fix!(o, ctx)).toEqual([
      {
        describe: 'delete 2 stale images from /exports/iso/floppy: old two.img, old-win10.vfd',
        run: { argv: ['rm', '-f', '--', '/exports/iso/floppy/old two.img', '/exports/iso/floppy/old-win10.vfd'] },
      },
    ]);
  });

  it('a file name with a newline stays one file', () => {
    const l = parseFloppyListing('1000\n10.5 3 a\nb.vfd\n20 4 c.vfd\n', 0);
    expect(l.files?.map((f) => f.name)).toEqual(['a\nb.vfd', 'c.vfd']);
  });

  it('not applicable without an sftp host', () => {
    const ctx = sftpContext();
    ctx.config.sftp = undefined;
    expect(preflight(check, ctx).status).toBe('skipped');
  });

  it('garbage: ParseError', async () => {
    await expect(probeWithFake(check, sftpContext(), { listing: { stdout: 'Tue Nov 25\nfoo\n', exitCode: 0 } })).rejects.toBeInstanceOf(
      ParseError,
    );
    await expect(
      probeWithFake(check, sftpContext(), { listing: { stdout: '1795583191\nnot a find line\n', exitCode: 0 } }),
    ).rejects.toBeInstanceOf(ParseError);
  });
});
