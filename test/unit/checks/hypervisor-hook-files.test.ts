/** hypervisor-hook-files on captured `stat -L` output (fixtures' source.txt). */
import { describe, expect, it } from 'vitest';
import check from '../../../checks/hypervisor-hook-files.js';
import { isRunnableByVdsm } from '../../../checks/lib/hypervisor-hook-files.js';
import { ParseError } from '../../../src/errors.js';
import type { HostFacts } from '../../../src/check-api.js';
import { commandOf, makeContext, probeWithFake } from '../../support/check-harness.js';
import { fixture, preflight } from './lib/fixtures.js';

const ID = 'hypervisor-hook-files';
const START = '/usr/libexec/vdsm/hooks/before_vm_start/50_floppy';
const MIGRATE = '/usr/libexec/vdsm/hooks/before_vm_migrate_source/50_floppy';
const hv = (facts: Partial<HostFacts> = {}) => makeContext({ facts });

describe('hypervisor-hook-files', () => {
  it('one stat for both files', () => {
    expect(commandOf(check.probe(hv()).hookFiles)).toBe(`stat -L -c '%f %U %G %n' ${START} ${MIGRATE}`);
  });

  it('compliant: both 0755 root:root', async () => {
    const o = await probeWithFake(check, hv(), fixture(ID, 'sandbox-compliant'));
    expect(check.compare(o, hv())).toEqual([]);
    expect(check.fix!(o, hv())).toEqual([]);
  });

  it('drift: one 0644, one missing → two findings, one reinstall', async () => {
    const o = await probeWithFake(check, hv(), fixture(ID, 'sandbox-hook-files-damaged'));
    expect(check.compare(o, hv())).toEqual([
      { code: 'hook-file-not-executable', message: `${START} (0644 root:root) cannot be run by vdsm`, expected: '0755', actual: '0644' },
      { code: 'hook-file-missing', message: `${MIGRATE} does not exist`, expected: 'regular file, mode 0755', actual: '(missing)' },
    ]);
    expect(check.fix!(o, hv())).toEqual([
      {
        describe: 'reinstall vdsm-hook-floppy with dnf to restore its hook files',
        run: { argv: ['dnf', 'reinstall', '-y', 'vdsm-hook-floppy'] },
        timeout: 600,
      },
    ]);
    expect(check.compare(o, hv({ packageManager: undefined })).every((f) => f.fixable === false)).toBe(true);
  });

  it('both missing (bare lab host)', async () => {
    const o = await probeWithFake(check, hv(), fixture(ID, 'lab-bare-host'));
    expect(check.compare(o, hv()).map((f) => f.code)).toEqual(['hook-file-missing', 'hook-file-missing']);
  });

  it('not applicable: vdsm 4.40+ (the bundled hook check owns these paths); needs the package', () => {
    expect(preflight(check, hv({ vdsmVersion: '4.50.5-1.el8' }))).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('vdsm 4.40+ has no vdsm-hook-floppy'),
    });
    expect(preflight(check, hv(), { 'hypervisor-hook-package': 'drift' })).toMatchObject({
      status: 'skipped',
      reason: 'needs hypervisor-hook-package (drift)',
    });
  });

  it('runnable by vdsm as the kernel decides: owner, else group (kvm/qemu/sanlock), else other bits; r and x both', () => {
    const f = (mode: number, owner: string, group: string) => isRunnableByVdsm({ path: START, mode: 0o100000 | mode, owner, group });
    expect([
      f(0o755, 'root', 'root'),
      f(0o750, 'root', 'kvm'),
      f(0o700, 'vdsm', 'kvm'),
      f(0o705, 'root', 'root'),
      f(0o550, 'root', 'qemu'),
    ]).toEqual([true, true, true, true, true]);
    expect([
      f(0o750, 'root', 'root'),
      f(0o744, 'root', 'root'),
      f(0o711, 'root', 'root'),
      f(0o705, 'root', 'kvm'),
      f(0o075, 'vdsm', 'kvm'),
    ]).toEqual([false, false, false, false, false]);
  });

  it('garbage: ParseError', async () => {
    await expect(probeWithFake(check, hv(), { hookFiles: { stdout: `stat: cannot stat ${START}\n`, exitCode: 1 } })).rejects.toBeInstanceOf(
      ParseError,
    );
    await expect(probeWithFake(check, hv(), { hookFiles: { stdout: `81ed root root ${START}\n`, exitCode: 0 } })).rejects.toBeInstanceOf(
      ParseError,
    );
  });
});
