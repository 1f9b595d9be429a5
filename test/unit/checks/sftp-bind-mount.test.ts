import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/errors.js';
import check from '../../../checks/sftp-bind-mount.js';
import { fstabValidateArgv } from '../../../checks/lib/fstab-validate.js';
import { commandOf, probeWithFake } from '../../support/check-harness.js';
import { fixture, preflight, sftpContext } from './lib/fixtures.js';

const ID = 'sftp-bind-mount';
const LINE = '/exports/iso/floppy /srv/floppy_chroot/floppy none bind,nofail 0 0';
const OLD_LINE = '/exports/iso/floppy /srv/floppy_chroot/floppy none bind 0 0';

describe('sftp-bind-mount', () => {
  it('probes the mount exactly at the target and the mount holding the canonical serverPath', () => {
    const p = check.probe(sftpContext());
    expect(commandOf(p.mounted)).toBe('findmnt -n -r -o MAJ:MIN,FSROOT,TARGET,SOURCE -M /srv/floppy_chroot/floppy');
    expect(commandOf(p.source)).toContain('readlink -e -- /exports/iso/floppy');
  });

  it('compliant: fstab line with nofail and a bind whose MAJ:MIN/FSROOT is serverPath', async () => {
    const ctx = sftpContext();
    // Captured after an apply of an older version (line without nofail), with nofail added as apply now writes it.
    const captured = fixture(ID, 'compliant');
    const o = await probeWithFake(check, ctx, {
      ...captured,
      fstab: { ...captured.fstab!, stdout: captured.fstab!.stdout.replace(OLD_LINE, LINE) },
    });
    expect(o.mounted[0]!.SOURCE).toBe('/dev/vda[/tmp/of-sbx/exports-iso/floppy]');
    expect(check.compare(o, ctx)).toEqual([]);
    expect(check.fix!(o, ctx)).toEqual([]);
  });

  it('our line without nofail (written by older versions) drifts; the fix adds nofail to that line only', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'compliant'));
    expect(check.compare(o, ctx)).toMatchObject([{ code: 'fstab-no-nofail', actual: OLD_LINE, expected: LINE }]);
    const steps = check.fix!(o, ctx);
    expect(steps.map((s) => s.describe)).toEqual([`add nofail to line 2 of /etc/fstab: ${LINE}`]);
    expect((steps[0]!.run as { writeFile: { content: string } }).writeFile.content).toBe(`# UNCONFIGURED FSTAB FOR BASE SYSTEM\n${LINE}\n`);
  });

  it('stock: mount point, fstab line (validated with findmnt --verify), mount — in that order', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'stock-debian12'));
    expect(check.compare(o, ctx).map((f) => f.code)).toEqual(['fstab-missing', 'not-mounted']);
    expect(check.fix!(o, ctx)).toEqual([
      {
        describe: 'create mount point /srv/floppy_chroot/floppy (root:root 0755)',
        run: { argv: ['install', '-d', '-m', '0755', '-o', 'root', '-g', 'root', '/srv/floppy_chroot/floppy'] },
      },
      {
        describe: `add a line to /etc/fstab: ${LINE}`,
        run: {
          writeFile: {
            path: '/etc/fstab',
            content: `# UNCONFIGURED FSTAB FOR BASE SYSTEM\n${LINE}\n`,
            before: '# UNCONFIGURED FSTAB FOR BASE SYSTEM\n',
            mode: '0644',
            owner: 'root',
            group: 'root',
            validate: fstabValidateArgv('/etc/fstab'),
          },
        },
      },
      { describe: 'mount /srv/floppy_chroot/floppy', run: { argv: ['mount', '/srv/floppy_chroot/floppy'] } },
    ]);
  });

  it('drift: a real-looking fstab (tabs, UUID=, LABEL=, \\040, a commented copy) keeps every line; mount point exists', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'drift'));
    const steps = check.fix!(o, ctx);
    expect(steps.map((s) => s.describe)).toEqual([`add a line to /etc/fstab: ${LINE}`, 'mount /srv/floppy_chroot/floppy']);
    const w = (steps[0]!.run as { writeFile: { content: string } }).writeFile;
    expect(w.content).toBe(`${o.fstab}${LINE}\n`);
  });

  it('a different mount already on the target is reported, never unmounted', async () => {
    const ctx = sftpContext();
    const o = await probeWithFake(check, ctx, fixture(ID, 'wrong-source'));
    expect(check.compare(o, ctx)).toEqual([
      {
        code: 'mounted-wrong-source',
        message: '/srv/floppy_chroot/floppy shows overlay[/srv/other], not /exports/iso/floppy: unmount it by hand',
        expected: '/exports/iso/floppy',
        actual: 'overlay[/srv/other]',
        fixable: false,
      },
    ]);
    expect(check.fix!(o, ctx)).toEqual([]);
  });

  it('skipped until the floppy directory and the chroot path are ok', () => {
    const earlier = { 'sftp-floppy-dir': 'ok', 'sftp-chroot-path': 'drift' } as const;
    expect(preflight(check, sftpContext(), earlier)).toMatchObject({ status: 'skipped', reason: 'needs sftp-chroot-path (drift)' });
  });

  it('garbage: ParseError', async () => {
    await expect(
      probeWithFake(check, sftpContext(), { ...fixture(ID, 'compliant'), mounted: { stdout: 'TARGET SOURCE\n/x /y\n', exitCode: 0 } }),
    ).rejects.toBeInstanceOf(ParseError);
    await expect(
      probeWithFake(check, sftpContext(), { ...fixture(ID, 'compliant'), fstab: { stdout: 'onlyonefield\n', exitCode: 0 } }).then((o) =>
        check.compare(o, sftpContext()),
      ),
    ).rejects.toBeInstanceOf(ParseError);
  });
});
