/** hypervisor-floppy-access on captured getent + runuser output (fixtures' source.txt). */
import { describe, expect, it } from 'vitest';
import check from '../../../checks/hypervisor-floppy-access.js';
import { ParseError } from '../../../src/errors.js';
import { commandOf, makeContext, probeWithFake } from '../../support/check-harness.js';
import { fixture, preflight } from './lib/fixtures.js';

const ID = 'hypervisor-floppy-access';
const DIR = '/rhev/data-center/mnt/127.0.1.20:_exports_iso/floppy';
const ctx = makeContext();
const WHERE = 'set on the sftp server: floppy directory group kvm, mode 2770 (sftp checks), kvm gid equal on all hosts';
const VDSM = { code: 'vdsm-cannot-traverse', message: `vdsm (uid 36) cannot reach ${DIR}: every directory down to it needs x for vdsm; ${WHERE}`, expected: 'traversable', actual: 'denied', fixable: false };
const QEMU = { code: 'qemu-cannot-use', message: `qemu (uid 107) cannot read, write and enter ${DIR}; ${WHERE}`, expected: 'rwx', actual: 'denied', fixable: false };

describe('hypervisor-floppy-access', () => {
  it('one getent and one runuser per user, nothing written', () => {
    expect(commandOf(check.probe(ctx).access)).toBe(
      [
        'getent passwd vdsm qemu',
        'echo --',
        `runuser -u vdsm -- test -x ${DIR}; echo "vdsm $?"`,
        `runuser -u qemu -- test -r ${DIR} -a -w ${DIR} -a -x ${DIR}; echo "qemu $?"`,
      ].join('\n'),
    );
  });

  it('compliant: root:kvm 2770', async () => {
    const o = await probeWithFake(check, ctx, fixture(ID, 'sandbox-compliant'));
    expect(o.access).toEqual({ vdsm: { uid: 36, gid: 36 }, qemu: { uid: 107, gid: 107 }, vdsmTraverse: 'allowed', qemuReadWrite: 'allowed' });
    expect(check.compare(o, ctx)).toEqual([]);
    expect(check.fix).toBeUndefined();
  });

  it('drift: root:root 0700 → both; root:kvm 0750 → qemu only; an ancestor 0700 → both (test -x covers every component)', async () => {
    expect(check.compare(await probeWithFake(check, ctx, fixture(ID, 'sandbox-dir-root-0700')), ctx)).toEqual([VDSM, QEMU]);
    expect(check.compare(await probeWithFake(check, ctx, fixture(ID, 'sandbox-dir-kvm-0750')), ctx)).toEqual([QEMU]);
    expect(check.compare(await probeWithFake(check, ctx, fixture(ID, 'sandbox-rhev-0700')), ctx)).toEqual([VDSM, QEMU]);
  });

  it('missing users are reported as such, not as denied access', async () => {
    const o = await probeWithFake(check, ctx, fixture(ID, 'lab-bare-host'));
    expect(check.compare(o, ctx)).toEqual([
      { code: 'user-missing', message: 'user vdsm does not exist (vdsm not installed?)', fixable: false },
      { code: 'user-missing', message: 'user qemu does not exist (qemu-kvm not installed?)', fixable: false },
    ]);
  });

  it('runuser missing (127) is data', async () => {
    const o = await probeWithFake(check, ctx, { access: { stdout: 'vdsm:x:36:36::/:/sbin/nologin\n--\nvdsm 127\nqemu 127\n', exitCode: 0 } });
    expect(check.compare(o, ctx)).toEqual([{ code: 'runuser-missing', message: 'runuser (util-linux) is not installed: cannot test access as vdsm and qemu', fixable: false }]);
  });

  it('not applicable: needs root; skipped until the mount check is ok', () => {
    expect(preflight(check, makeContext({ facts: { uid: 1000 } }))).toMatchObject({ status: 'skipped', reason: 'testing access as vdsm and qemu needs root (the probe runs as uid 1000)' });
    expect(preflight(check, ctx, { 'hypervisor-floppy-mount': 'drift' })).toMatchObject({ status: 'skipped', reason: 'needs hypervisor-floppy-mount (drift)' });
  });

  it('garbage: ParseError', async () => {
    await expect(probeWithFake(check, ctx, { access: { stdout: 'runuser: may not be used by non-root users\n', exitCode: 1 } })).rejects.toBeInstanceOf(ParseError);
  });
});
