import { describe, expect, it } from 'vitest';
import { runVisibilityStage } from '../../../src/smoke/stage-visibility.js';
import type { SmokeImage, SmokeState } from '../../../src/smoke/types.js';
import { parseVisibility, visibilityProblems, visibilityScript } from '../../../src/smoke/visibility-script.js';
import { captured, fixture, labFakes } from './support.js';

// The captured files saw a 10-byte file "xxxxxxxxxx" (fixtures/README.md).
const SHA = 'fc11d6f28e59d3cc33c0b14ceb644bf0902ebd63d61218dffe9e7dac7c254542';
const CLIENT = '/rhev/data-center/mnt/127.0.1.20:_exports_iso/floppy';

function state(): SmokeState {
  const image: SmokeImage = {
    device: 'floppy',
    property: 'floppy',
    name: 'ovirt-floppy-smoke-0a1b2c3d.vfd',
    data: Buffer.from('xxxxxxxxxx'),
    sha256: SHA,
    marker: 'm',
    uploadPath: '/floppy/ovirt-floppy-smoke-0a1b2c3d.vfd',
    serverPath: '/exports/iso/floppy/ovirt-floppy-smoke-0a1b2c3d.vfd',
    clientPath: `${CLIENT}/ovirt-floppy-smoke-0a1b2c3d.vfd`,
  };
  return { image, uploadStarted: true };
}

const sftpOk = { stdout: `sha256 ${SHA}\n`, exitCode: 0 };

describe('visibility script and parser (captured on a lab hypervisor)', () => {
  it('asks vdsm and qemu only on hypervisors, listing the directory first', () => {
    const hv = visibilityScript('/a b/x.vfd', true).join('\n');
    expect(hv).toContain("ls -a -- '/a b' >/dev/null");
    expect(hv.indexOf('ls -a')).toBeLessThan(hv.indexOf('[ ! -e'));
    expect(hv).toContain("runuser -u vdsm -- test -r '/a b/x.vfd'");
    expect(hv).toContain("runuser -u qemu -- test -r '/a b/x.vfd' -a -w '/a b/x.vfd'");
    expect(visibilityScript('/x.vfd', false).join('\n')).not.toContain('runuser');
  });

  it('parses every captured state', () => {
    expect(parseVisibility(fixture('visibility-hv-ok.stdout'))).toEqual({
      dirExists: true,
      fileExists: true,
      sha256: SHA,
      vdsmRead: 0,
      qemuReadWrite: 0,
    });
    expect(parseVisibility(fixture('visibility-hv-no-qemu.stdout'))).toEqual({
      dirExists: true,
      fileExists: true,
      sha256: SHA,
      vdsmRead: 1,
      qemuReadWrite: 1,
    });
    expect(parseVisibility(fixture('visibility-file-missing.stdout'))).toEqual({ dirExists: true, fileExists: false });
    expect(parseVisibility(fixture('visibility-dir-missing.stdout'))).toEqual({ dirExists: false, fileExists: false });
    expect(() => parseVisibility('garbage\n')).toThrow(/cannot parse visibility script/);
  });

  it('turns a wrong view into problems naming the link', () => {
    const ctx = { path: '/f', sha256: SHA, missingDir: 'not mounted', missingFile: 'other storage' };
    expect(visibilityProblems(parseVisibility(fixture('visibility-hv-no-qemu.stdout')), ctx)).toEqual([
      'vdsm cannot read /f (the hook checks the file as vdsm, facts §2.2; hypervisor-floppy-access)',
      'qemu cannot read and write /f (qemu opens the floppy read-write, facts §5.2; hypervisor-floppy-access)',
    ]);
    expect(visibilityProblems(parseVisibility(fixture('visibility-hv-ok.stdout')), { ...ctx, sha256: 'a'.repeat(64) })).toEqual([
      `/f has sha256 ${SHA.slice(0, 12)}…, not the uploaded aaaaaaaaaaaa…`,
    ]);
    expect(visibilityProblems({ dirExists: true, fileExists: true, readError: 'Permission denied' }, ctx)).toEqual([
      'root cannot read /f: Permission denied',
    ]);
    expect(visibilityProblems({ dirExists: true, fileExists: true, sha256: SHA, vdsmRead: 127, qemuReadWrite: 0 }, ctx)[0]).toContain(
      'runuser is missing',
    );
  });
});

describe('visibility stage', () => {
  it('passes when the sftp server and every hypervisor see the same bytes with the right access', async () => {
    const f = labFakes();
    f.sftpRoot.answer('sh -s', sftpOk);
    f.hv1.answer('sh -s', captured('visibility-hv-ok'));
    f.hv2.answer('sh -s', captured('visibility-hv-ok'));
    const outcome = await runVisibilityStage({ config: f.config, connections: f.connections }, state());
    expect(outcome.status).toBe('ok');
    expect(outcome.message).toBe(
      `hv1, hv2 see ${CLIENT}/ovirt-floppy-smoke-0a1b2c3d.vfd with the uploaded sha256 fc11d6f28e59… (as does sftp at /exports/iso/floppy/ovirt-floppy-smoke-0a1b2c3d.vfd); vdsm reads it, qemu reads and writes it`,
    );
    expect(f.hv1.calls).toHaveLength(1);
    expect(f.hv1.calls[0]!.stdin).toContain(`${CLIENT}/ovirt-floppy-smoke-0a1b2c3d.vfd`);
    expect(f.sftpRoot.calls[0]!.stdin).toContain('/exports/iso/floppy/ovirt-floppy-smoke-0a1b2c3d.vfd');
    expect(f.sftpRoot.calls[0]!.stdin).not.toContain('runuser');
  });

  it('names the hypervisor without the mount', async () => {
    const f = labFakes();
    f.sftpRoot.answer('sh -s', sftpOk);
    f.hv1.answer('sh -s', captured('visibility-hv-ok'));
    f.hv2.answer('sh -s', captured('visibility-dir-missing'));
    const outcome = await runVisibilityStage({ config: f.config, connections: f.connections }, state());
    expect(outcome).toEqual({
      status: 'failed',
      message: `hv2: ${CLIENT} does not exist: the shared floppy directory is not mounted on this hypervisor (hypervisor-floppy-mount)`,
    });
  });

  it('names the bind mount when the sftp server lacks the file at serverPath', async () => {
    const f = labFakes();
    f.sftpRoot.answer('sh -s', captured('visibility-file-missing'));
    f.hv1.answer('sh -s', captured('visibility-file-missing'));
    f.hv2.answer('sh -s', captured('visibility-file-missing'));
    const outcome = await runVisibilityStage({ config: f.config, connections: f.connections }, state());
    expect(outcome.message).toBe(
      'sftp: /exports/iso/floppy/ovirt-floppy-smoke-0a1b2c3d.vfd is not there: the upload into the chroot did not land in /exports/iso/floppy: /srv/floppy_chroot/floppy is not the bind mount of it (sftp-bind-mount)',
    );
    expect(outcome.details).toHaveLength(2);
    expect(outcome.details![0]).toMatch(/^hv1: .* is not there: .* is not the sftp server's \/exports\/iso\/floppy/);
  });

  it('reports a host it cannot reach among the others', async () => {
    const f = labFakes();
    f.sftpRoot.answer('sh -s', sftpOk);
    f.hv1.answer('sh -s', captured('visibility-hv-ok'));
    f.connector.fail('root@127.0.1.12', new Error('hv2 (127.0.1.12): refused: connect ECONNREFUSED'));
    const outcome = await runVisibilityStage({ config: f.config, connections: f.connections }, state());
    expect(outcome.message).toBe('hv2: hv2 (127.0.1.12): refused: connect ECONNREFUSED');
  });
});
