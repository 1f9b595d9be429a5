/** hypervisor-floppy-access on captured getent + setpriv/test output (fixtures' source.txt). */
import { describe, expect, it } from 'vitest';
import check from '../../../checks/hypervisor-floppy-access.js';
import { directoryAccessCommand } from '../../../checks/lib/hypervisor-access.js';
import { ParseError } from '../../../src/errors.js';
import { commandOf, makeContext, probeWithFake } from '../../support/check-harness.js';
import { fixture, preflight } from './lib/fixtures.js';

const ID = 'hypervisor-floppy-access';
const DIR = '/rhev/data-center/mnt/127.0.1.20:_exports_iso/floppy';
const ctx = makeContext();
const WHERE = 'set on the sftp server: floppy directory group kvm, mode 2770 (sftp checks), kvm gid equal on all hosts';
const VDSM = {
  code: 'vdsm-cannot-traverse',
  message: `vdsm (uid 36) cannot reach ${DIR}: every directory down to it needs x for vdsm; ${WHERE}`,
  expected: 'traversable',
  actual: 'denied',
  fixable: false,
};
const QEMU = {
  code: 'qemu-cannot-use',
  message: `qemu (uid 107) cannot read, write and enter ${DIR}; ${WHERE}`,
  expected: 'rwx',
  actual: 'denied',
  fixable: false,
};

describe('hypervisor-floppy-access', () => {
  it('one getent, then one setpriv per existing user with the uid/gid getent printed, nothing written', () => {
    expect(commandOf(check.probe(ctx).access)).toBe(
      [
        'p=$(getent passwd vdsm qemu)',
        '[ -z "$p" ] || printf \'%s\\n\' "$p"',
        'echo --',
        'if ! command -v setpriv >/dev/null; then echo setpriv-missing; else',
        "nl='",
        "'",
        'while [ -n "$p" ]; do',
        '  l=${p%%"$nl"*}; case $p in *"$nl"*) p=${p#*"$nl"} ;; *) p= ;; esac',
        '  n=${l%%:*}; r=${l#*:*:}; u=${r%%:*}; r=${r#*:}; g=${r%%:*}',
        '  case $n in',
        `    vdsm) setpriv --reuid="$u" --regid="$g" --init-groups -- test -x ${DIR}; echo "vdsm $?" ;;`,
        `    qemu) setpriv --reuid="$u" --regid="$g" --init-groups -- test -r ${DIR} -a -w ${DIR} -a -x ${DIR}; echo "qemu $?" ;;`,
        '  esac',
        'done',
        'fi',
      ].join('\n'),
    );
    // No runuser (PAM session, 8–9 ms per call) and no process per getent field.
    expect(commandOf(check.probe(ctx).access)).not.toMatch(/runuser|cut|awk|sed/);
  });

  it('the directory is quoted in every test (the config only allows plain paths; the lib quotes anyway)', () => {
    expect(directoryAccessCommand("/mnt/a b/it's").sh).toContain(`-- test -x '/mnt/a b/it'\\''s'; echo "vdsm $?"`);
  });

  it('compliant: root:kvm 2770', async () => {
    const o = await probeWithFake(check, ctx, fixture(ID, 'sandbox-compliant'));
    expect(o.access).toEqual({
      vdsm: { uid: 36, gid: 36 },
      qemu: { uid: 107, gid: 107 },
      vdsmTraverse: 'allowed',
      qemuReadWrite: 'allowed',
    });
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

  it('setpriv missing is data: one finding, not "denied"', async () => {
    const o = await probeWithFake(check, ctx, {
      access: { stdout: 'vdsm:x:36:36::/:/sbin/nologin\nqemu:x:107:107::/:/sbin/nologin\n--\nsetpriv-missing\n', exitCode: 0 },
    });
    expect(o.access).toMatchObject({ vdsmTraverse: 'setpriv-missing', qemuReadWrite: 'setpriv-missing' });
    expect(check.compare(o, ctx)).toEqual([
      { code: 'setpriv-missing', message: 'setpriv (util-linux) is not installed: cannot test access as vdsm and qemu', fixable: false },
    ]);
  });

  it('setpriv failing to switch (127) or to run test (126) is "cannot tell", per user, not "denied"', async () => {
    const o = await probeWithFake(check, ctx, {
      access: { stdout: 'vdsm:x:36:36::/:/sbin/nologin\nqemu:x:107:107::/:/sbin/nologin\n--\nvdsm 127\nqemu 1\n', exitCode: 0 },
    });
    expect(o.access).toMatchObject({ vdsmTraverse: 'setpriv-failed', qemuReadWrite: 'denied' });
    expect(check.compare(o, ctx)).toEqual([
      {
        code: 'setpriv-failed',
        message: `setpriv could not run test as vdsm (uid 36, exit 126/127): cannot tell its access to ${DIR}`,
        fixable: false,
      },
      QEMU,
    ]);
    const both = await probeWithFake(check, ctx, {
      access: { stdout: 'vdsm:x:36:36::/:/sbin/nologin\nqemu:x:107:107::/:/sbin/nologin\n--\nvdsm 126\nqemu 127\n', exitCode: 0 },
    });
    expect(check.compare(both, ctx).map((f) => f.code)).toEqual(['setpriv-failed', 'setpriv-failed']);
  });

  it('only one user exists: a result only for that one; the other is reported missing', async () => {
    const o = await probeWithFake(check, ctx, { access: { stdout: 'qemu:x:107:107::/:/sbin/nologin\n--\nqemu 0\n', exitCode: 0 } });
    expect(o.access).toEqual({ qemu: { uid: 107, gid: 107 }, vdsm: undefined, vdsmTraverse: 'denied', qemuReadWrite: 'allowed' });
    expect(check.compare(o, ctx)).toEqual([
      { code: 'user-missing', message: 'user vdsm does not exist (vdsm not installed?)', fixable: false },
    ]);
  });

  it('needs root: an error naming the login user, never a quiet skip; skipped until the mount check is ok', () => {
    const nonRoot = { ...makeContext({ facts: { uid: 1000 } }), login: { user: 'ops', become: 'none' as const } };
    expect(preflight(check, nonRoot)).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/^needs root: the probe ran as the login user ops \(uid 1000; become: none\)/),
    });
    expect(preflight(check, ctx, { 'hypervisor-floppy-mount': 'drift' })).toMatchObject({
      status: 'skipped',
      reason: 'needs hypervisor-floppy-mount (drift)',
    });
  });

  it('garbage: ParseError (no separator, a result for a user getent did not print, a missing result, junk)', async () => {
    const bad = (stdout: string) => probeWithFake(check, ctx, { access: { stdout, exitCode: 0 } });
    await expect(
      probeWithFake(check, ctx, { access: { stdout: 'setpriv: setresuid failed: Operation not permitted\n', exitCode: 1 } }),
    ).rejects.toBeInstanceOf(ParseError);
    await expect(bad('--\nvdsm 0\n')).rejects.toBeInstanceOf(ParseError);
    await expect(bad('vdsm:x:36:36::/:/sbin/nologin\nqemu:x:107:107::/:/sbin/nologin\n--\nvdsm 0\n')).rejects.toBeInstanceOf(ParseError);
    await expect(bad('vdsm:x:36:36::/:/sbin/nologin\nqemu:x:107:107::/:/sbin/nologin\n--\nqemu 0\nvdsm 0\n')).rejects.toBeInstanceOf(
      ParseError,
    );
    await expect(bad('vdsm:x:36:36::/:/sbin/nologin\n--\nvdsm 0\nsetpriv: unknown option\n')).rejects.toBeInstanceOf(ParseError);
    await expect(bad('vdsm:x:abc:36::/:/sbin/nologin\n--\nvdsm 0\n')).rejects.toBeInstanceOf(ParseError);
  });
});
