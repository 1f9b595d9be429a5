/**
 * Every sftp check against output captured on a real lab sftp host (a disposable `startGroup` group, g1-sftp at
 * 127.0.3.3): the stock host, and the same host after the checks' own fixes ran in rounds as the runner runs
 * them (see test/fixtures/outputs/SOURCES-sftp.md).
 */
import { describe, expect, it } from 'vitest';
import type { Check } from '../../../src/check-api.js';
import type { Config } from '../../../src/config/types.js';
import { sftpChecks } from '../../../checks/list-sftp.js';
import { probeWithFake } from '../../support/check-harness.js';
import { fixture, sftpContext } from './lib/fixtures.js';

// The group's own upload key (its ovirt-floppy.yaml); everything else as in the default lab config.
const LAB_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB4Y9ytVei8xJ4h6vUPcVZ72Wc43kZRzbulGY6CER8Eo ovirt-floppy-lab upload';
const ctx = () => sftpContext({ config: { sftp: { authorizedKeys: [LAB_KEY] } } });

const STOCK: Record<string, string[]> = {
  'sftp-upload-user': ['user-missing'],
  'sftp-authorized-keys': ['user-missing'],
  'sftp-chroot-path': ['chroot-missing'],
  'sftp-sshd-chroot': ['force-command', 'chroot-directory', 'forwarding-allowed', 'tty-allowed'],
  'sftp-floppy-dir': ['kvm-group-missing', 'floppy-dir-missing'],
  'sftp-bind-mount': ['fstab-missing', 'not-mounted'],
  'sftp-floppy-outside-iso': [],
  'sftp-stale-images': [],
};

describe.each(sftpChecks.map((c) => [c.id, c] as const))('%s on the lab sftp host', (id, check: Check<unknown, Config>) => {
  it('stock lab host: the expected findings', async () => {
    const o = await probeWithFake(check, ctx(), fixture(id, 'lab-stock'));
    expect(check.compare(o, ctx()).map((f) => f.code)).toEqual(STOCK[id]);
  });

  it('after apply: no findings but info, nothing planned (a second apply changes nothing)', async () => {
    const o = await probeWithFake(check, ctx(), fixture(id, 'lab-compliant'));
    // Info only: e.g. the lab's sftp host runs no syslog daemon, so no /dev/log in the chroot (sftp-sshd-chroot).
    expect(check.compare(o, ctx()).filter((f) => f.severity !== 'info')).toEqual([]);
    expect(check.fix?.(o, ctx()) ?? []).toEqual([]);
  });
});
