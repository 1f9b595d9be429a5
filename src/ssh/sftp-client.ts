/**
 * ssh2's callback SFTP session as the promise-based SftpClient of transport.ts. One session holds one channel
 * slot of its connection until close().
 */
import type { FileEntryWithStats, SFTPWrapper, Stats } from 'ssh2';
import { SftpError as OfSftpError } from '../errors.js';
import type { SftpClient } from './transport.js';

// SSH_FX_NO_SUCH_FILE (draft-ietf-secsh-filexfer-02 §7), what ssh2 puts in `error.code`.
const NO_SUCH_FILE = 2;

type SftpError = Error & { code?: number | string };

export class Ssh2SftpClient implements SftpClient {
  private closed = false;

  constructor(
    private readonly sftp: SFTPWrapper,
    private readonly label: string,
    private readonly release: () => void,
  ) {
    // A session the server ends (or a dropped connection) frees its slot as well.
    sftp.once('close', () => this.markClosed());
  }

  async put(localData: Buffer, remotePath: string, mode?: number): Promise<void> {
    await this.call<void>('put', remotePath, (cb) =>
      this.sftp.writeFile(remotePath, localData, mode === undefined ? {} : { mode }, (e) => cb(e, undefined)),
    );
    // The server applies its umask to the mode given at open; set it explicitly so the result is exact.
    if (mode !== undefined) await this.chmod(remotePath, mode);
  }

  async readdir(remotePath: string): Promise<{ name: string; size: number; mode: number }[]> {
    const entries = await this.call<FileEntryWithStats[]>('readdir', remotePath, (cb) => this.sftp.readdir(remotePath, cb));
    return entries.map((e) => ({ name: e.filename, size: e.attrs.size, mode: e.attrs.mode }));
  }

  async stat(remotePath: string): Promise<{ size: number; mode: number; uid: number; gid: number } | undefined> {
    try {
      const s = await this.call<Stats>('stat', remotePath, (cb) => this.sftp.stat(remotePath, cb), false);
      return { size: s.size, mode: s.mode, uid: s.uid, gid: s.gid };
    } catch (error) {
      if ((error as SftpError).code === NO_SUCH_FILE) return undefined;
      throw this.wrap('stat', remotePath, error as SftpError);
    }
  }

  async unlink(remotePath: string): Promise<void> {
    await this.call<void>('unlink', remotePath, (cb) => this.sftp.unlink(remotePath, (e) => cb(e, undefined)));
  }

  async chmod(remotePath: string, mode: number): Promise<void> {
    await this.call<void>('chmod', remotePath, (cb) => this.sftp.chmod(remotePath, mode, (e) => cb(e, undefined)));
  }

  async realpath(remotePath: string): Promise<string> {
    return this.call<string>('realpath', remotePath, (cb) => this.sftp.realpath(remotePath, cb));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.sftp.end();
    this.markClosed();
  }

  private markClosed(): void {
    this.closed = true;
    this.release();
  }

  private call<T>(
    operation: string,
    remotePath: string,
    start: (cb: (error: SftpError | null | undefined, value: T) => void) => void,
    wrapErrors = true,
  ): Promise<T> {
    if (this.closed) {
      return Promise.reject(new OfSftpError(this.label, operation, remotePath, undefined, 'session closed'));
    }
    return new Promise<T>((resolve, reject) => {
      start((error, value) => {
        if (error) reject(wrapErrors ? this.wrap(operation, remotePath, error) : error);
        else resolve(value);
      });
    });
  }

  private wrap(operation: string, remotePath: string, error: SftpError): OfSftpError {
    const status = typeof error.code === 'number' ? error.code : undefined;
    const e = new OfSftpError(
      this.label,
      operation,
      remotePath,
      status,
      `${error.message}${status === undefined ? '' : ` (SFTP status ${status})`}`,
    );
    e.cause = error;
    return e;
  }
}
