import { describe, expect, it } from 'vitest';
import { runCleanupStage } from '../../../src/smoke/stage-cleanup.js';
import type { SmokeState } from '../../../src/smoke/types.js';
import { authRefused, labFakes, scriptAnswers } from './support.js';

const NAME = 'ovirt-floppy-smoke-0a1b2c3d.vfd';
const CLIENT = `/rhev/data-center/mnt/127.0.1.20:_exports_iso/floppy/${NAME}`;

function state(uploadStarted = true): SmokeState {
  return {
    uploadStarted,
    image: {
      device: 'floppy',
      property: 'floppy',
      name: NAME,
      data: Buffer.from('x'),
      sha256: '',
      marker: '',
      uploadPath: `/floppy/${NAME}`,
      serverPath: `/exports/iso/floppy/${NAME}`,
      clientPath: CLIENT,
    },
  };
}

const gone = { stdout: 'gone\n' };

function fakes() {
  const f = labFakes();
  f.uploadSftp.files.set(`/floppy/${NAME}`, { data: Buffer.from('x'), mode: 0o100666 });
  f.hv1.answer('sh -s', gone);
  f.hv2.answer('sh -s', gone);
  return f;
}

describe('cleanup stage', () => {
  it('deletes the image as the upload user and confirms every hypervisor no longer sees it', async () => {
    const f = fakes();
    const outcome = await runCleanupStage({ config: f.config, connections: f.connections, keep: false }, state());
    expect(outcome).toEqual({ status: 'ok', message: `${NAME} deleted as sftp-floppy-upload; gone on hv1, hv2` });
    expect(f.uploadSftp.files.size).toBe(0);
    expect(f.hv1.calls[0]!.stdin).toContain(`if [ -e ${CLIENT} ]`);
    expect(f.sftpRoot.calls).toEqual([]);
  });

  it('is skipped with --keep, and when nothing was uploaded', async () => {
    const f = fakes();
    expect(await runCleanupStage({ config: f.config, connections: f.connections, keep: true }, state())).toEqual({
      status: 'skipped',
      message: `--keep: ${CLIENT} stays (delete it when done: real images hold secrets)`,
    });
    expect(await runCleanupStage({ config: f.config, connections: f.connections, keep: false }, state(false))).toEqual({
      status: 'skipped',
      message: 'nothing was uploaded',
    });
    expect(f.connector.calls).toEqual([]);
  });

  it('says so when the file was never created', async () => {
    const f = fakes();
    f.uploadSftp.files.clear();
    expect((await runCleanupStage({ config: f.config, connections: f.connections, keep: false }, state())).message).toBe(
      `${NAME} was never created; gone on hv1, hv2`,
    );
  });

  it('falls back to root on the sftp server when the upload user cannot log in, and fails saying so', async () => {
    const f = fakes();
    f.connector.fail('sftp-floppy-upload@127.0.1.20', authRefused('sftp (127.0.1.20)'));
    f.sftpRoot.answer('sh -s', scriptAnswers([['rm -f --', { stdout: '' }]]));
    const outcome = await runCleanupStage({ config: f.config, connections: f.connections, keep: false }, state());
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toBe(
      `sftp-floppy-upload could not delete /floppy/${NAME}: sftp (127.0.1.20): auth: All configured authentication methods failed; removed as root on the sftp server instead`,
    );
    expect(f.sftpRoot.calls[0]!.stdin).toBe(`rm -f -- /srv/floppy_chroot/floppy/${NAME} /exports/iso/floppy/${NAME}\n`);
    // Two tries as the upload user: the shared connection, then a fresh one.
    expect(f.connector.calls.filter((c) => c.key.startsWith('sftp-floppy-upload@'))).toHaveLength(2);
  });

  it('fails naming the hypervisor that still sees the image', async () => {
    const f = fakes();
    f.hv2.answer('sh -s', { stdout: 'present\n' });
    expect((await runCleanupStage({ config: f.config, connections: f.connections, keep: false }, state())).message).toBe(
      `${NAME} deleted as sftp-floppy-upload, but hv2 still sees it`,
    );
  });
});
