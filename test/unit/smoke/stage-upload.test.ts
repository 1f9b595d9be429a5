import { describe, expect, it } from 'vitest';
import { ConnectError } from '../../../src/errors.js';
import { IMAGE_BYTES } from '../../../src/image/index.js';
import { runBuildStage } from '../../../src/smoke/stage-build.js';
import { runUploadStage } from '../../../src/smoke/stage-upload.js';
import type { SmokeState } from '../../../src/smoke/types.js';
import { chrootComponents } from '../../../src/config/remote-path.js';
import { parseUploadDiagnosis, uploadDiagnosisScript } from '../../../src/smoke/upload-diagnosis.js';
import { authRefused, captured, fixture, labFakes, scriptAnswers, smokeConfig } from './support.js';

function built(config = smokeConfig()): SmokeState {
  const state: SmokeState = {};
  runBuildStage({ config, randomHex: (n) => '0f'.repeat(n), now: new Date('2025-01-01T00:00:00Z') }, state);
  return state;
}

describe('upload diagnosis (captured on the lab sftp server)', () => {
  const parse = (name: string) =>
    parseUploadDiagnosis(fixture(`${name}.stdout`), { mountTarget: '/srv/floppy_chroot/floppy', serverPath: '/exports/iso/floppy' });

  it('lists every component sshd checks, from /', () => {
    expect(chrootComponents('/srv/floppy_chroot')).toEqual(['/', '/srv', '/srv/floppy_chroot']);
    expect(
      uploadDiagnosisScript({ chrootComponents: chrootComponents('/srv/floppy_chroot'), mountTarget: '/srv/floppy_chroot/floppy' }).at(-1),
    ).toContain('mountpoint -q /srv/floppy_chroot/floppy');
  });

  it('finds nothing on a healthy server', () => expect(parse('upload-diagnosis-ok')).toEqual([]));

  it('names a group-writable chroot component', () => {
    expect(parse('upload-diagnosis-chroot-775')).toEqual([
      'chroot path component /srv/floppy_chroot is uid 0 mode 0775: sshd refuses a chroot unless every component is root-owned and not group/other-writable (sftp-chroot-path, facts §6.1)',
    ]);
  });

  it('names the missing bind mount', () => {
    expect(parse('upload-diagnosis-no-bind')).toEqual([
      '/srv/floppy_chroot/floppy is not a mount point: the bind mount of /exports/iso/floppy into the chroot is missing (sftp-bind-mount)',
    ]);
  });

  it('names a component owned by someone else, and a missing one', () => {
    const out = 'component 0 755 /\ncomponent 2001 755 /srv\ncomponent missing - /srv/floppy_chroot\nmountpoint yes\n';
    const found = parseUploadDiagnosis(out, { mountTarget: '/srv/floppy_chroot/floppy', serverPath: '/x' });
    expect(found[0]).toContain('/srv is uid 2001 mode 0755');
    expect(found[1]).toBe('chroot path component /srv/floppy_chroot does not exist');
  });
});

describe('upload stage', () => {
  it('writes the image as the upload user with its own key only, mode 0666, and checks it', async () => {
    const f = labFakes();
    const state = built(f.config);
    const outcome = await runUploadStage({ config: f.config, connections: f.connections }, state);
    expect(outcome).toEqual({
      status: 'ok',
      message: `ovirt-floppy-smoke-0f0f0f0f.vfd written as sftp-floppy-upload (own key only) to sftp:/floppy/ovirt-floppy-smoke-0f0f0f0f.vfd, ${IMAGE_BYTES} bytes, mode 0666`,
    });
    const file = f.uploadSftp.files.get('/floppy/ovirt-floppy-smoke-0f0f0f0f.vfd')!;
    expect(file.data.equals(state.image!.data)).toBe(true);
    expect(file.mode & 0o7777).toBe(0o666);
    expect(f.uploadSftp.calls).toContain('put /floppy/ovirt-floppy-smoke-0f0f0f0f.vfd 666');
    expect(state.uploadStarted).toBe(true);
    const call = f.connector.calls.find((c) => c.key === 'sftp-floppy-upload@127.0.1.20')!;
    expect(call.target).toMatchObject({ user: 'sftp-floppy-upload', identityFiles: ['/work/main/.lab/id_upload'], become: 'none' });
    expect(call.options).toMatchObject({ agent: false, useSshConfig: false, knownHostsFile: f.config.ssh.knownHostsFile });
    expect(f.uploadSftp.closed).toBe(1);
  });

  it('names authorized_keys when the key is refused, without asking the server', async () => {
    const f = labFakes();
    f.connector.fail('sftp-floppy-upload@127.0.1.20', authRefused('sftp (127.0.1.20)'));
    const state = built(f.config);
    const outcome = await runUploadStage({ config: f.config, connections: f.connections }, state);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toBe(
      "sftp refused the upload user sftp-floppy-upload's key /work/main/.lab/id_upload: is its public key in ~sftp-floppy-upload/.ssh/authorized_keys? (sftp-authorized-keys)",
    );
    expect(f.sftpRoot.calls).toEqual([]);
    expect(state.uploadStarted).toBeUndefined();
  });

  it('leads with the chroot component when sshd ends the session', async () => {
    const f = labFakes();
    f.upload.sftp = async () => {
      throw new ConnectError('sftp (127.0.1.20)', 'protocol', 'cannot start sftp: No response from server');
    };
    f.sftpRoot.answer('sh -s', captured('upload-diagnosis-chroot-775'));
    const outcome = await runUploadStage({ config: f.config, connections: f.connections }, built(f.config));
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(
      /^chroot path component \/srv\/floppy_chroot is uid 0 mode 0775: .* \(sftp closed sftp-floppy-upload's sftp session/,
    );
    expect(f.sftpRoot.calls[0]!.stdin).toContain("stat -L -c 'component %u %a %n' /srv/floppy_chroot");
  });

  it('leads with the missing bind mount when the write is denied', async () => {
    const f = labFakes();
    f.uploadSftp.writableDirs = [];
    f.sftpRoot.answer('sh -s', captured('upload-diagnosis-no-bind'));
    const state = built(f.config);
    const outcome = await runUploadStage({ config: f.config, connections: f.connections }, state);
    expect(outcome.message).toMatch(
      /^\/srv\/floppy_chroot\/floppy is not a mount point: the bind mount of \/exports\/iso\/floppy into the chroot is missing \(sftp-bind-mount\) \(cannot write \/floppy\/ovirt-floppy-smoke-0f0f0f0f\.vfd as sftp-floppy-upload on sftp: .*Permission denied/,
    );
    expect(state.uploadStarted).toBe(true);
  });

  it('says the write failed plainly when the server shows nothing wrong, and when it cannot be asked', async () => {
    const f = labFakes();
    f.uploadSftp.writableDirs = [];
    f.sftpRoot.answer('sh -s', scriptAnswers([['mountpoint', captured('upload-diagnosis-ok')]]));
    let outcome = await runUploadStage({ config: f.config, connections: f.connections }, built(f.config));
    expect(outcome.message).toMatch(/^cannot write \/floppy\/.* as sftp-floppy-upload on sftp: .*Permission denied/);
    expect(outcome.details).toBeUndefined();

    const g = labFakes();
    g.uploadSftp.writableDirs = [];
    g.connector.fail('root@127.0.1.20', new Error('refused'));
    outcome = await runUploadStage({ config: g.config, connections: g.connections }, built(g.config));
    expect(outcome.details).toEqual(['(could not ask sftp why: refused)']);
  });

  it('fails when the file is not 0666 after the chmod', async () => {
    const f = labFakes();
    f.uploadSftp.chmod = async () => {};
    f.uploadSftp.put = async (data, path) => void f.uploadSftp.files.set(path, { data, mode: 0o100660 });
    const outcome = await runUploadStage({ config: f.config, connections: f.connections }, built(f.config));
    expect(outcome).toEqual({ status: 'failed', message: '/floppy/ovirt-floppy-smoke-0f0f0f0f.vfd has mode 0660 after chmod 0666' });
  });

  it('needs the upload key in the config', async () => {
    const config = smokeConfig((c) => delete c.sftp!.uploadIdentityFile);
    const f = labFakes(config);
    const outcome = await runUploadStage({ config, connections: f.connections }, built(config));
    expect(outcome.message).toContain('sftp.uploadIdentityFile is not configured');
    expect(f.connector.calls).toEqual([]);
  });
});
