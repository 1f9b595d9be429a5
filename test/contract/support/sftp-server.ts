/**
 * Just enough of an SFTP server (ssh2's server-side SFTP events) over a local directory for the contract tests:
 * open/write/close, stat/lstat/fstat, setstat/fsetstat (mode), opendir/readdir, remove, realpath. Remote paths
 * are taken relative to `root` and cannot leave it. Status codes as OpenSSH's sftp-server sends them.
 */
import { closeSync, chmodSync, fstatSync, fchmodSync, openSync, readdirSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { posix, resolve, sep } from 'node:path';
import ssh2 from 'ssh2';
import type { SFTPWrapper } from 'ssh2';

const { STATUS_CODE, flagsToString } = ssh2.utils.sftp;

export function serveSftp(sftp: SFTPWrapper, root: string): void {
  const files = new Map<string, number>();
  const dirs = new Map<string, { path: string; done: boolean }>();
  let nextHandle = 0;
  const newHandle = () => Buffer.from(String(nextHandle++));
  const local = (remote: string) => {
    const path = resolve(root, `.${posix.normalize(`/${remote}`)}`);
    if (path !== root && !path.startsWith(root + sep)) throw Object.assign(new Error('outside root'), { code: 'EACCES' });
    return path;
  };
  const attrsOf = (s: Stats) => ({ mode: s.mode, uid: s.uid, gid: s.gid, size: s.size, atime: s.atimeMs / 1000, mtime: s.mtimeMs / 1000 });
  const fail = (reqid: number, error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    const status = code === 'ENOENT' ? STATUS_CODE.NO_SUCH_FILE : code === 'EACCES' ? STATUS_CODE.PERMISSION_DENIED : STATUS_CODE.FAILURE;
    sftp.status(reqid, status, (error as Error).message);
  };
  const guard = (reqid: number, fn: () => void) => {
    try {
      fn();
    } catch (error) {
      fail(reqid, error);
    }
  };

  sftp.on('OPEN', (reqid, filename, flags, attrs) =>
    guard(reqid, () => {
      const fd = openSync(local(filename), flagsToString(flags) ?? 'r', attrs.mode ?? 0o666);
      const handle = newHandle();
      files.set(handle.toString(), fd);
      sftp.handle(reqid, handle);
    }),
  );
  sftp.on('WRITE', (reqid, handle, offset, data) =>
    guard(reqid, () => {
      const fd = files.get(handle.toString());
      if (fd === undefined) return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
      writeSync(fd, data, 0, data.length, offset);
      sftp.status(reqid, STATUS_CODE.OK);
    }),
  );
  sftp.on('CLOSE', (reqid, handle) =>
    guard(reqid, () => {
      const fd = files.get(handle.toString());
      if (fd !== undefined) closeSync(fd);
      files.delete(handle.toString());
      dirs.delete(handle.toString());
      sftp.status(reqid, STATUS_CODE.OK);
    }),
  );
  const stat = (reqid: number, path: string) => guard(reqid, () => sftp.attrs(reqid, attrsOf(statSync(local(path)))));
  sftp.on('STAT', stat);
  sftp.on('LSTAT', stat);
  sftp.on('FSTAT', (reqid, handle) => guard(reqid, () => sftp.attrs(reqid, attrsOf(fstatSync(files.get(handle.toString()) ?? -1)))));
  sftp.on('SETSTAT', (reqid, path, attrs) =>
    guard(reqid, () => {
      if (attrs.mode !== undefined) chmodSync(local(path), attrs.mode & 0o7777);
      sftp.status(reqid, STATUS_CODE.OK);
    }),
  );
  sftp.on('FSETSTAT', (reqid, handle, attrs) =>
    guard(reqid, () => {
      if (attrs.mode !== undefined) fchmodSync(files.get(handle.toString()) ?? -1, attrs.mode & 0o7777);
      sftp.status(reqid, STATUS_CODE.OK);
    }),
  );
  sftp.on('OPENDIR', (reqid, path) =>
    guard(reqid, () => {
      if (!statSync(local(path)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      const handle = newHandle();
      dirs.set(handle.toString(), { path: local(path), done: false });
      sftp.handle(reqid, handle);
    }),
  );
  sftp.on('READDIR', (reqid, handle) =>
    guard(reqid, () => {
      const dir = dirs.get(handle.toString());
      if (!dir) return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
      if (dir.done) return sftp.status(reqid, STATUS_CODE.EOF);
      dir.done = true;
      const names = readdirSync(dir.path).map((filename) => {
        const attrs = attrsOf(statSync(resolve(dir.path, filename)));
        return { filename, longname: filename, attrs };
      });
      sftp.name(reqid, names);
    }),
  );
  sftp.on('REMOVE', (reqid, path) =>
    guard(reqid, () => {
      unlinkSync(local(path));
      sftp.status(reqid, STATUS_CODE.OK);
    }),
  );
  sftp.on('REALPATH', (reqid, path) =>
    guard(reqid, () => {
      const normalized = posix.normalize(`/${path}`);
      sftp.name(reqid, [{ filename: normalized, longname: normalized, attrs: {} as never }]);
    }),
  );
}
