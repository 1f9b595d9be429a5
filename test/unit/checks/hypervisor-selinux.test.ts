/** hypervisor-selinux on captured getsebool output (the lab's SELinux stand-in; fixtures' source.txt). */
import { describe, expect, it } from 'vitest';
import check from '../../../checks/hypervisor-selinux.js';
import { ParseError } from '../../../src/errors.js';
import type { HostFacts } from '../../../src/check-api.js';
import { commandOf, makeContext, probeWithFake } from '../../support/check-harness.js';
import { fixture } from './lib/fixtures.js';

const ID = 'hypervisor-selinux';
const hv = (selinux: HostFacts['selinux']) => makeContext({ facts: { selinux } });
const SEED = "the how-to's advice to disable SELinux is not needed: enforcing works with virt_use_nfs on";

describe('hypervisor-selinux', () => {
  it('probes getsebool always (probes cannot see facts)', () => {
    expect(commandOf(check.probe(hv('disabled')).virtUseNfs)).toBe('getsebool virt_use_nfs');
  });

  it('compliant: enforcing with virt_use_nfs on → info only, no step', async () => {
    const ctx = hv('enforcing');
    const o = await probeWithFake(check, ctx, fixture(ID, 'stand-in-enforcing-on'));
    expect(check.compare(o, ctx)).toEqual([
      { code: 'selinux-ok', severity: 'info', message: `SELinux enforcing with virt_use_nfs on; ${SEED}` },
    ]);
    expect(check.fix!(o, ctx)).toEqual([]);
  });

  it('drift: enforcing with virt_use_nfs off → setsebool -P', async () => {
    const ctx = hv('enforcing');
    const o = await probeWithFake(check, ctx, fixture(ID, 'stand-in-enforcing-off'));
    expect(check.compare(o, ctx)).toEqual([
      {
        code: 'virt-use-nfs-off',
        message: 'SELinux is enforcing and virt_use_nfs is off: qemu cannot open images on NFS',
        expected: 'on',
        actual: 'off',
      },
    ]);
    expect(check.fix!(o, ctx)).toEqual([
      {
        describe: 'turn on SELinux boolean virt_use_nfs persistently',
        run: { argv: ['setsebool', '-P', 'virt_use_nfs', '1'] },
        timeout: 300,
      },
    ]);
  });

  it('not applicable: disabled, permissive or absent need nothing (info says the seed advice is not needed)', async () => {
    for (const [mode, name] of [
      ['disabled', 'stand-in-disabled'],
      ['permissive', 'stand-in-permissive-off'],
      ['absent', 'lab-bare-host'],
    ] as const) {
      const ctx = hv(mode);
      const o = await probeWithFake(check, ctx, fixture(ID, name));
      expect(check.compare(o, ctx)).toEqual([
        { code: 'selinux-not-enforcing', severity: 'info', message: `SELinux is ${mode}: nothing to set; ${SEED}` },
      ]);
      expect(check.fix!(o, ctx)).toEqual([]);
    }
  });

  it('enforcing without getsebool: cannot tell, not fixable', async () => {
    const ctx = hv('enforcing');
    const o = await probeWithFake(check, ctx, fixture(ID, 'lab-bare-host'));
    expect(check.compare(o, ctx)).toEqual([
      {
        code: 'virt-use-nfs-unknown',
        message: 'SELinux is enforcing but virt_use_nfs cannot be read (getsebool is not installed)',
        fixable: false,
      },
    ]);
  });

  it('garbage: ParseError', async () => {
    await expect(
      probeWithFake(check, hv('enforcing'), { virtUseNfs: { stdout: 'Error: boolean not defined\n', exitCode: 0 } }),
    ).rejects.toBeInstanceOf(ParseError);
  });
});
