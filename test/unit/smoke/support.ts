/**
 * Fakes for the smoke stages: a connector handing out FakeTransports per `user@host` (recording the options of
 * every connect), an in-memory SftpClient with the permission rules that matter (chroot root not writable),
 * the captured remote output in ./fixtures, and the lab config with the upload key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config, HostTarget } from '../../../src/config/types.js';
import { ConnectError, SftpError } from '../../../src/errors.js';
import { SmokeConnections } from '../../../src/smoke/connections.js';
import type { ConnectOptions, Connector, ExecOptions, SftpClient, Transport } from '../../../src/ssh/transport.js';
import { labConfig } from '../../support/check-harness.js';
import { FakeTransport, type FakeAnswer } from '../../support/fake-transport.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function fixture(name: string): string {
  try {
    return readFileSync(join(FIXTURES, name), 'utf8');
  } catch {
    return '';
  }
}

/** stdout (+ stderr when captured) of a fixture pair `<name>.stdout` / `<name>.stderr`. */
export function captured(name: string, exitCode = 0): FakeAnswer {
  return { stdout: fixture(`${name}.stdout`), stderr: fixture(`${name}.stderr`), exitCode };
}

/** The lab config (team contract) plus the upload user's key, as smoke needs it. */
export function smokeConfig(change: (c: Config) => void = () => {}): Config {
  const config = labConfig();
  config.sftp!.uploadIdentityFile = '/work/main/.lab/id_upload';
  change(config);
  return config;
}

/** Answer `sh -s` scripts by what their text contains: the first rule whose needle is in the script wins. */
export function scriptAnswers(rules: [needle: string, answer: FakeAnswer][]): (options: ExecOptions | undefined) => FakeAnswer {
  return (options) => {
    const script = options?.stdin?.toString() ?? '';
    const rule = rules.find(([needle]) => script.includes(needle));
    if (!rule) throw new Error(`no scripted answer for:\n${script}`);
    return rule[1];
  };
}

/** A transport that also answers forwardOut (refused unless `allowForward`). */
export class FakeSshTransport extends FakeTransport {
  forwards: string[] = [];
  allowForward = false;
  async forwardOut(host: string, port: number): Promise<void> {
    this.forwards.push(`${host}:${port}`);
    if (!this.allowForward) {
      const error = Object.assign(new Error('(SSH) Channel open failure: open failed'), { reason: 1 });
      throw new Error(`${this.target.name}: the server did not open a forward to ${host}:${port}: ${error.message}`, { cause: error });
    }
  }
}

export interface ConnectCall {
  key: string;
  target: HostTarget;
  options: ConnectOptions;
}

/** Hands out the transport registered for `user@host`; throws the registered error, or for unknown keys. */
export class FakeConnector implements Connector {
  readonly calls: ConnectCall[] = [];
  private readonly transports = new Map<string, Transport | (() => Transport)>();
  private readonly failures = new Map<string, Error>();

  add(key: string, transport: Transport | (() => Transport)): this {
    this.transports.set(key, transport);
    return this;
  }

  fail(key: string, error: Error): this {
    this.failures.set(key, error);
    return this;
  }

  async connect(target: HostTarget, options: ConnectOptions): Promise<Transport> {
    const key = `${target.user}@${target.host}`;
    this.calls.push({ key, target, options });
    const failure = this.failures.get(key);
    if (failure) throw failure;
    const t = this.transports.get(key);
    if (!t) throw new Error(`unexpected connect to ${key}`);
    return typeof t === 'function' ? t() : t;
  }
}

export function authRefused(host: string): ConnectError {
  return new ConnectError(host, 'auth', 'All configured authentication methods failed');
}

export interface FakeFile {
  data: Buffer;
  mode: number;
}

/**
 * An sftp session of the upload user in its chroot: `/` holds only `floppy`; writing is allowed only under
 * writableDirs. Paths are the chroot view.
 */
export class FakeSftp implements SftpClient {
  readonly files = new Map<string, FakeFile>();
  readonly calls: string[] = [];
  writableDirs = ['/floppy'];
  rootListing = ['floppy'];
  realpaths: Record<string, string> = {};
  closed = 0;

  private denied(op: string, path: string): SftpError {
    return new SftpError('sftp', op, path, 3, 'Permission denied (SFTP status 3)');
  }

  async put(data: Buffer, path: string, mode?: number): Promise<void> {
    this.calls.push(`put ${path}${mode === undefined ? '' : ` ${mode.toString(8)}`}`);
    const dir = path.slice(0, path.lastIndexOf('/')) || '/';
    if (!this.writableDirs.includes(dir)) throw this.denied('put', path);
    this.files.set(path, { data, mode: 0o100000 | (mode ?? 0o660) });
  }

  async readdir(path: string): Promise<{ name: string; size: number; mode: number }[]> {
    this.calls.push(`readdir ${path}`);
    const names =
      path === '/' ? this.rootListing : [...this.files.keys()].filter((f) => f.startsWith(`${path}/`)).map((f) => f.slice(path.length + 1));
    return names.map((name) => ({ name, size: 0, mode: 0o40755 }));
  }

  async stat(path: string): Promise<{ size: number; mode: number; uid: number; gid: number } | undefined> {
    this.calls.push(`stat ${path}`);
    const f = this.files.get(path);
    return f ? { size: f.data.length, mode: f.mode, uid: 2001, gid: 36 } : undefined;
  }

  async unlink(path: string): Promise<void> {
    this.calls.push(`unlink ${path}`);
    if (!this.files.delete(path)) throw new SftpError('sftp', 'unlink', path, 2, 'No such file (SFTP status 2)');
  }

  async chmod(path: string, mode: number): Promise<void> {
    this.calls.push(`chmod ${path} ${mode.toString(8)}`);
    const f = this.files.get(path);
    if (f) f.mode = 0o100000 | mode;
  }

  async realpath(path: string): Promise<string> {
    this.calls.push(`realpath ${path}`);
    return this.realpaths[path] ?? '/';
  }

  async close(): Promise<void> {
    this.closed += 1;
  }
}

export function target(name: string, host: string, role: HostTarget['role'] = 'hypervisor', user = 'root'): HostTarget {
  return { name, role, host, user, port: 22, identityFiles: [], become: 'none' };
}

/** The lab's hosts as FakeSshTransports on one connector, plus the upload user's transport and sftp session. */
export function labFakes(config: Config = smokeConfig()) {
  const connector = new FakeConnector();
  const hv1 = new FakeSshTransport(target('hv1', '127.0.1.11'));
  const hv2 = new FakeSshTransport(target('hv2', '127.0.1.12'));
  const sftpRoot = new FakeSshTransport(target('sftp', '127.0.1.20', 'sftp'));
  const uploadSftp = new FakeSftp();
  const upload = new FakeSshTransport(target('sftp', '127.0.1.20', 'sftp', 'sftp-floppy-upload'), new Map(), uploadSftp);
  upload.answer('id', { stdout: 'This service allows sftp connections only.\n', exitCode: 1 });
  connector
    .add('root@127.0.1.11', hv1)
    .add('root@127.0.1.12', hv2)
    .add('root@127.0.1.20', sftpRoot)
    .add('sftp-floppy-upload@127.0.1.20', upload);
  const connections = new SmokeConnections(config, connector, false);
  return { config, connector, connections, hv1, hv2, sftpRoot, upload, uploadSftp };
}
