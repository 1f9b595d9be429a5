import { describe, expect, it } from 'vitest';
import { runConfinementStage } from '../../../src/smoke/stage-confinement.js';
import { labFakes } from './support.js';

function input(f: ReturnType<typeof labFakes>) {
  return { config: f.config, connections: f.connections, randomHex: (n: number) => 'c'.repeat(n * 2) };
}

describe('confinement stage', () => {
  it('passes when exec, a root write, leaving the chroot and forwarding are all refused', async () => {
    const f = labFakes();
    const outcome = await runConfinementStage(input(f));
    expect(outcome).toEqual({
      status: 'ok',
      message:
        'sftp-floppy-upload is confined: shell exec refused (exit 1: This service allows sftp connections only.); write at the chroot root refused (Permission denied (SFTP status 3)); "/.." is "/", and / holds only floppy; port forwarding refused (Channel open failure: open failed)',
    });
    expect(f.upload.calls.map((c) => [c.command, c.privileged])).toEqual([['id', false]]);
    expect(f.uploadSftp.calls).toEqual(['put /ovirt-floppy-smoke-cccccccc.probe', 'realpath /..', 'realpath /floppy/../..', 'readdir /']);
    // The forward goes to the server's own sshd, which listens: only a refusal can make it fail.
    expect(f.upload.forwards).toEqual(['127.0.1.20:22']);
    expect(f.uploadSftp.closed).toBe(1);
  });

  it('fails when the upload user can run a command', async () => {
    const f = labFakes();
    f.upload.answer('id', { stdout: 'uid=2001(sftp-floppy-upload) gid=2001\n', exitCode: 0 });
    const outcome = await runConfinementStage(input(f));
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toBe(
      'the upload user can run commands: `id` exited 0 (uid=2001(sftp-floppy-upload) gid=2001); ForceCommand internal-sftp is not in effect (sftp-sshd-chroot)',
    );
  });

  it('fails when it can write at the chroot root, and removes what it wrote', async () => {
    const f = labFakes();
    f.uploadSftp.writableDirs = ['/floppy', '/'];
    const outcome = await runConfinementStage(input(f));
    expect(outcome.message).toContain('could write /ovirt-floppy-smoke-cccccccc.probe at the chroot root');
    expect(f.uploadSftp.calls).toContain('unlink /ovirt-floppy-smoke-cccccccc.probe');
    expect(f.uploadSftp.files.size).toBe(0);
  });

  it('fails when / shows more than the floppy directory (not chrooted), or .. leads elsewhere', async () => {
    const f = labFakes();
    f.uploadSftp.rootListing = ['bin', 'etc', 'floppy', 'home'];
    expect((await runConfinementStage(input(f))).message).toBe(
      "the upload user's / lists bin, etc, floppy, home, not just floppy: it is not chrooted into the floppy chroot (sftp-sshd-chroot)",
    );
    const g = labFakes();
    g.uploadSftp.realpaths = { '/..': '/srv' };
    expect((await runConfinementStage(input(g))).message).toBe('".." leaves the chroot: /.. is /srv, /floppy/../.. is /');
  });

  it('fails when forwarding is allowed, and reports every escape at once', async () => {
    const f = labFakes();
    f.upload.allowForward = true;
    f.upload.answer('id', { stdout: 'uid=2001\n', exitCode: 0 });
    const outcome = await runConfinementStage(input(f));
    expect(outcome.message).toContain('can run commands');
    expect(outcome.details?.[0]).toBe(
      'the upload user can open TCP forwards (to 127.0.1.20:22): set DisableForwarding yes (sftp-sshd-chroot)',
    );
  });
});
