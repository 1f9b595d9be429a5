/**
 * hypervisor-floppy-mount on captured walk + findmnt output (fixtures' source.txt). The sandbox's export is a bind
 * mount, so findmnt reports its real fstype ext4; the lab config adds that fstype to sharedFsTypes, and so do the
 * tests that expect "compliant".
 */
import { describe, expect, it } from 'vitest';
import check from '../../../checks/hypervisor-floppy-mount.js';
import { ParseError } from '../../../src/errors.js';
import { commandOf, makeContext, probeWithFake } from '../../support/check-harness.js';
import { fixture } from './lib/fixtures.js';

const ID = 'hypervisor-floppy-mount';
const DIR = '/rhev/data-center/mnt/127.0.1.20:_exports_iso/floppy';
const labLike = makeContext({ config: { floppy: { sharedFsTypes: ['nfs', 'nfs4', 'ext4'] } } });
const strict = makeContext();

describe('hypervisor-floppy-mount', () => {
  it('probes with builtins and one findmnt', () => {
    expect(commandOf(check.probe(strict).where)).toBe(
      [
        `p=${DIR}`,
        'while [ ! -e "$p" ]; do p=${p%/*}; [ -n "$p" ] || p=/; done',
        'if [ -d "$p" ]; then t=dir; else t=other; fi',
        'printf \'path %s %s\\n\' "$t" "$p"',
        'findmnt -n -P -o TARGET,SOURCE,FSTYPE,OPTIONS -T "$p"',
      ].join('\n'),
    );
  });

  it('compliant: the directory on the export; observed shape for the cross-host check', async () => {
    const o = await probeWithFake(check, labLike, fixture(ID, 'sandbox-compliant'));
    expect(o.where).toEqual({
      probedPath: DIR,
      probedIsDirectory: true,
      mount: {
        target: '/rhev/data-center/mnt/127.0.1.20:_exports_iso',
        source: '/dev/vda[/tmp/cap/sb/export]',
        fstype: 'ext4',
        options: ['rw', 'relatime', 'discard', 'resv_strict', 'resuid=65534', 'resgid=65534'],
      },
    });
    expect(check.compare(o, labLike)).toEqual([]);
    expect(check.fix).toBeUndefined();
  });

  it('drift: the same mount is not shared storage when ext4 is not in sharedFsTypes', async () => {
    const o = await probeWithFake(check, strict, fixture(ID, 'sandbox-compliant'));
    expect(check.compare(o, strict)).toEqual([
      {
        code: 'not-on-shared-fs',
        message: `${DIR} is on /rhev/data-center/mnt/127.0.1.20:_exports_iso (ext4 from /dev/vda[/tmp/cap/sb/export]), not nfs/nfs4`,
        expected: 'nfs | nfs4',
        actual: 'ext4 /dev/vda[/tmp/cap/sb/export] on /rhev/data-center/mnt/127.0.1.20:_exports_iso',
        fixable: false,
      },
    ]);
  });

  it('drift: export mounted, floppy/ not created yet → says it is created on the sftp server', async () => {
    const o = await probeWithFake(check, labLike, fixture(ID, 'sandbox-vdsm430-mounted-no-dir'));
    expect(check.compare(o, labLike)).toEqual([
      {
        code: 'floppy-dir-missing',
        message: `${DIR} does not exist (/rhev/data-center/mnt/127.0.1.20:_exports_iso does, on ext4 /dev/vda[/tmp/cap/sb/export]); it is serverPath /exports/iso/floppy on the sftp server, created by apply there`,
        expected: 'directory',
        actual: '(missing)',
        fixable: false,
      },
    ]);
  });

  it('drift: nothing mounted → the root filesystem, whatever its fstype (gating: no directory finding)', async () => {
    for (const name of ['sandbox-bare', 'lab-bare-host']) {
      const o = await probeWithFake(check, labLike, fixture(ID, name));
      const findings = check.compare(o, labLike);
      expect(findings.map((f) => [f.code, f.message])).toEqual([
        ['not-on-shared-fs', `${DIR} is on the root filesystem: the export is not mounted (storage domain not active?)`],
      ]);
    }
  });

  it('findmnt missing (exit 127) is data', async () => {
    const o = await probeWithFake(check, strict, { where: { stdout: 'path dir /rhev\n', exitCode: 127 } });
    expect(check.compare(o, strict)[0]).toMatchObject({ code: 'findmnt-missing', fixable: false });
  });

  it('not applicable: none (every hypervisor needs the directory)', () => expect(check.appliesTo).toBeUndefined());

  it('garbage: ParseError', async () => {
    await expect(probeWithFake(check, strict, { where: { stdout: '/ /dev/vda ext4 rw\n', exitCode: 0 } })).rejects.toBeInstanceOf(
      ParseError,
    );
    await expect(
      probeWithFake(check, strict, { where: { stdout: 'path dir /\nTARGET="/" SOURCE="x"\n', exitCode: 0 } }),
    ).rejects.toBeInstanceOf(ParseError);
  });
});
