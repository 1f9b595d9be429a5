/**
 * The sftp host starts like a stock Debian server (issue #3 §3, team contract): no upload user, no kvm group,
 * the stock `Subsystem sftp /usr/lib/openssh/sftp-server` line in effect, no chroot dir and no fstab bind —
 * so `apply` has real work to do. Only the NFS export dir /exports/iso exists.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readLabState, sshRoot } from './api.js';

let sftp: string;
beforeAll(async () => {
  sftp = (await readLabState()).hosts.find((h) => h.role === 'sftp')!.address;
});

describe('sftp host stock state', () => {
  it('has no upload user and no kvm group', async () => {
    expect((await sshRoot(sftp, 'getent passwd sftp-floppy-upload')).code).toBe(2);
    expect((await sshRoot(sftp, 'getent group kvm')).code).toBe(2);
  });

  it('has the stock Subsystem line, uncommented, and sshd uses it', async () => {
    const file = await sshRoot(sftp, "grep -n '^Subsystem' /etc/ssh/sshd_config");
    expect(file.stdout).toMatch(/^\d+:Subsystem\s+sftp\s+\/usr\/lib\/openssh\/sftp-server\n$/);
    const effective = await sshRoot(sftp, 'sshd -T | grep -i "^subsystem"');
    expect(effective.stdout.trim()).toBe('subsystem sftp /usr/lib/openssh/sftp-server');
  });

  it('has no chroot dir and no bind in fstab, but has the export dir', async () => {
    expect((await sshRoot(sftp, 'test -e /srv/floppy_chroot')).code).toBe(1);
    expect((await sshRoot(sftp, "grep -c ' bind' /etc/fstab")).stdout.trim()).toBe('0');
    expect((await sshRoot(sftp, 'test -d /exports/iso')).code).toBe(0);
  });
});
