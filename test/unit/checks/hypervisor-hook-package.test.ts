/** hypervisor-hook-package on captured `rpm -q` output (fixtures' source.txt). */
import { describe, expect, it } from 'vitest';
import check from '../../../checks/hypervisor-hook-package.js';
import { isVersionAtLeast, parseRpmVersion } from '../../../checks/lib/rpm-version.js';
import { ParseError } from '../../../src/errors.js';
import type { HostFacts } from '../../../src/check-api.js';
import { commandOf, makeContext, probeWithFake } from '../../support/check-harness.js';
import { fixture, preflight } from './lib/fixtures.js';

const ID = 'hypervisor-hook-package';
const hv = (facts: Partial<HostFacts> = {}) => makeContext({ facts });

describe('hypervisor-hook-package', () => {
  it('probes one rpm -q', () => {
    expect(commandOf(check.probe(hv()).hookPackage)).toBe("rpm -q --qf '%{VERSION}-%{RELEASE}\\n' vdsm-hook-floppy");
  });

  it('compliant: installed', async () => {
    const o = await probeWithFake(check, hv(), fixture(ID, 'sandbox-compliant'));
    expect(o).toEqual({ hookPackage: { rpm: 'ran', installed: '4.30.46-1.el7' } });
    expect(check.compare(o, hv())).toEqual([]);
    expect(check.fix!(o, hv())).toEqual([]);
  });

  it('drift: not installed → install with dnf, or yum, whichever the host has', async () => {
    const o = await probeWithFake(check, hv(), fixture(ID, 'lab-bare-host'));
    expect(check.compare(o, hv())).toEqual([
      { code: 'hook-package-missing', message: 'vdsm-hook-floppy is not installed (dnf install -y vdsm-hook-floppy)', expected: 'vdsm-hook-floppy', actual: '(not installed)', fixable: true },
    ]);
    expect(check.fix!(o, hv())).toEqual([{ describe: 'install vdsm-hook-floppy with dnf', run: { argv: ['dnf', 'install', '-y', 'vdsm-hook-floppy'] }, timeout: 600 }]);
    expect(check.fix!(o, hv({ packageManager: 'yum' }))[0]!.run).toEqual({ argv: ['yum', 'install', '-y', 'vdsm-hook-floppy'] });
    const none = hv({ packageManager: undefined });
    expect(check.compare(o, none)[0]).toMatchObject({ fixable: false, message: 'vdsm-hook-floppy is not installed (no dnf or yum on this host to install it with)' });
    expect(check.fix!(o, none)).toEqual([]);
  });

  it('not applicable: vdsm 4.40+ is skipped with the reason; skipped while vdsm is missing', () => {
    expect(preflight(check, hv({ vdsmVersion: '4.50.5-1.el8' }))).toMatchObject({
      status: 'skipped',
      reason: 'vdsm 4.50.5-1.el8: vdsm 4.40+ has no vdsm-hook-floppy (removed in vdsm 3b251ecd, obsoleted by vdsm); the bundled hook is installed instead',
    });
    expect(check.appliesTo!(hv({ vdsmVersion: '4.30.53-1.el7' }))).toBe(true);
    expect(preflight(check, hv({ vdsmVersion: undefined }), { 'hypervisor-vdsm-installed': 'drift' })).toMatchObject({ status: 'skipped', reason: 'needs hypervisor-vdsm-installed (drift)' });
  });

  it('rpm missing (exit 127) is data', async () => {
    const o = await probeWithFake(check, hv(), { hookPackage: { stdout: '', exitCode: 127 } });
    expect(check.compare(o, hv())).toEqual([{ code: 'rpm-missing', message: 'rpm is not installed: cannot tell which packages are', fixable: false }]);
  });

  it('garbage: ParseError', async () => {
    await expect(probeWithFake(check, hv(), { hookPackage: { stdout: 'error: rpmdb open failed\n', exitCode: 1 } })).rejects.toBeInstanceOf(ParseError);
  });

  it('version order: 4.30.x has the package, 4.40 and later not', () => {
    expect(isVersionAtLeast(parseRpmVersion('4.30.53-1.el7'), [4, 40])).toBe(false);
    expect(isVersionAtLeast(parseRpmVersion('4.40.0-1.el8'), [4, 40])).toBe(true);
    expect(isVersionAtLeast(parseRpmVersion('4.50.3.4-1.el8'), [4, 40])).toBe(true);
    expect(isVersionAtLeast(parseRpmVersion('4.4-1'), [4, 40])).toBe(false);
  });
});
