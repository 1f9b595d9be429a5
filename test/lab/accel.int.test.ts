/**
 * The lab's KVM probe (sh/kvm-probe.sh, issue #11 "TCG by default; KVM when /dev/kvm works") on this machine:
 * its verdict is what `.lab/accel` holds, and a /dev/kvm node that exists but cannot run a VM (here: no kvm
 * module behind c 10:232, the node made in a private /dev) gives TCG with QEMU's own reason instead of a lab
 * whose every VM start fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAccel, readAccel } from './accel.js';
import { labPaths, scripts } from './paths.js';

const probe = (prefix = '') =>
  execFileSync(
    'unshare',
    [
      '--mount',
      '--propagation',
      'private',
      'bash',
      '-c',
      `${prefix}bash "$0" "$1" "$2"`,
      scripts.kvmProbe,
      labPaths.rootfs,
      labPaths.guest,
    ],
    {
      encoding: 'utf8',
    },
  );

// A private /dev of the usual nodes plus kvm, bound over /dev in this namespace only.
const FAKE_DEV = [
  'd=$(mktemp -d) && mount -t tmpfs tmpfs "$d"',
  'for n in null:1:3 zero:1:5 random:1:8 urandom:1:9 kvm:10:232; do IFS=: read -r a b c <<<"$n"; mknod -m 666 "$d/$a" c "$b" "$c"; done',
  'mount --bind "$d" /dev; ',
].join(' && ');

describe('lab KVM probe', () => {
  it('says what the lab start recorded', async () => {
    expect(parseAccel(probe())).toEqual(await readAccel());
  });

  it('gives TCG with the reason when /dev/kvm is missing or unusable', () => {
    const verdict = parseAccel(probe(FAKE_DEV));
    if (existsSync('/dev/kvm') && parseAccel(probe()).accel === 'kvm') {
      expect(verdict.accel).toBe('kvm'); // the node reaches a working module: the probe must not refuse it
    } else {
      expect(verdict).toEqual({ accel: 'tcg', why: expect.stringMatching(/^KVM did not boot the guest \(exit 1: .*KVM/) });
    }
  });

  it('is TCG when forced', () => {
    expect(parseAccel(probe('OVIRT_FLOPPY_LAB_ACCEL=tcg '))).toEqual({ accel: 'tcg', why: 'OVIRT_FLOPPY_LAB_ACCEL=tcg' });
  });
});
