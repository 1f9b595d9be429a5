// The mount.nfs stand-in (lab-notes §4): argument handling and refusals as nfs-utils does them, with
// LAB_MOUNT_NFS_DRY_RUN=1 so nothing is mounted on this machine (the real binds happen inside lab hosts).
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PYTHON, STANDINS, run, tempDir } from './standins-helpers.js';

let dir: { path: string; remove: () => void };
let nfsRoot: string;
let mnt: string;
const env = () => ({ LAB_NFS_ROOT: nfsRoot, LAB_MOUNT_NFS_DRY_RUN: '1', LAB_MOUNT: '/bin/mount' });
const mountNfs = (prog: string, ...args: string[]) => run(PYTHON, [join(dir.path, prog), ...args], { env: env() });

beforeEach(() => {
  dir = tempDir('mountnfs-');
  nfsRoot = join(dir.path, 'nfs');
  mkdirSync(join(nfsRoot, '127.0.1.20/exports/iso/floppy'), { recursive: true });
  mnt = join(dir.path, 'rhev/data-center/mnt/127.0.1.20:_exports_iso');
  mkdirSync(mnt, { recursive: true });
  symlinkSync(join(STANDINS, 'hypervisor/mount_nfs.py'), join(dir.path, 'mount.nfs'));
  symlinkSync('mount.nfs', join(dir.path, 'mount.nfs4'));
});
afterEach(() => dir.remove());

describe('mount.nfs', () => {
  it('bind-mounts the export directory, as mount(8) calls the helper', () => {
    const r = mountNfs('mount.nfs', '127.0.1.20:/exports/iso', mnt, '-o', 'rw');
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toBe(`/bin/mount --bind ${join(nfsRoot, '127.0.1.20/exports/iso')} ${mnt}\n`);
  });

  it('honours ro (-o ro or -r) with a read-only remount of the bind', () => {
    for (const args of [['-o', 'vers=4,ro,soft'], ['-r']]) {
      const r = mountNfs('mount.nfs', '127.0.1.20:/exports/iso/floppy', mnt, ...args);
      expect(r.status).toBe(0);
      expect(r.stdout.split('\n')).toEqual([
        `/bin/mount --bind ${join(nfsRoot, '127.0.1.20/exports/iso/floppy')} ${mnt}`,
        `/bin/mount -o remount,bind,ro ${mnt}`,
        '',
      ]);
    }
  });

  it('refuses an export the server does not have: access denied, exit 32', () => {
    for (const spec of ['127.0.1.20:/exports/other', '127.0.1.99:/exports/iso', '127.0.1.20:/exports/iso/../../..']) {
      expect(mountNfs('mount.nfs', spec, mnt)).toMatchObject({
        status: 32,
        stdout: '',
        stderr: `mount.nfs: access denied by server while mounting ${spec}\n`,
      });
    }
  });

  it('names itself mount.nfs4 when called so', () => {
    expect(mountNfs('mount.nfs4', '127.0.1.20:/nope', mnt).stderr).toBe(
      'mount.nfs4: access denied by server while mounting 127.0.1.20:/nope\n',
    );
  });

  it('rejects a spec without host:dir and a missing mount point', () => {
    expect(mountNfs('mount.nfs', '/exports/iso', mnt)).toMatchObject({
      status: 32,
      stderr: "mount.nfs: remote share not in 'host:dir' format\n",
    });
    expect(mountNfs('mount.nfs', '127.0.1.20:/exports/iso', join(dir.path, 'nodir'))).toMatchObject({
      status: 32,
      stderr: `mount.nfs: mount point ${join(dir.path, 'nodir')} does not exist\n`,
    });
  });

  it('prints usage for bad arguments', () => {
    expect(mountNfs('mount.nfs', '127.0.1.20:/exports/iso')).toMatchObject({
      status: 1,
      stderr: 'usage: mount.nfs remotetarget dir [-rvVwfnsh] [-o nfsoptions]\n',
    });
    expect(mountNfs('mount.nfs', '127.0.1.20:/exports/iso', mnt, '-Z').status).toBe(1);
  });
});
