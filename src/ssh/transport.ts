/**
 * What the runner needs from a connection to one host. The real implementation is ssh2 (ssh2-transport.ts);
 * tests inject test/support/fake-transport.ts, which throws on any command it was not given.
 */
import type { HostTarget } from '../config/types.js';

export interface ExecResult {
  /** null when the channel closed without an exit status (SSH allows that): treat as an error. */
  exitCode: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
  /** The raw stdout bytes (byte-exact framing of the probe script needs them; `stdout` is their UTF-8 text). */
  stdoutRaw?: Buffer;
  durationMs: number;
}

export interface ExecOptions {
  /** Sent on the command's stdin, then EOF. Scripts and file contents travel here, never in argv. */
  stdin?: string | Buffer;
  /** @defaultValue the connection's execTimeout */
  timeoutMs?: number;
  /** Wrap in `sudo -n` when the login user is not root and become is `sudo`. @defaultValue true */
  privileged?: boolean;
}

export interface TransportStats {
  connections: number;
  execs: number;
}

export interface SftpClient {
  put(localData: Buffer, remotePath: string, mode?: number): Promise<void>;
  readdir(remotePath: string): Promise<{ name: string; size: number; mode: number }[]>;
  stat(remotePath: string): Promise<{ size: number; mode: number; uid: number; gid: number } | undefined>;
  unlink(remotePath: string): Promise<void>;
  chmod(remotePath: string, mode: number): Promise<void>;
  realpath(remotePath: string): Promise<string>;
  close(): Promise<void>;
}

export interface Transport {
  readonly target: HostTarget;
  readonly stats: TransportStats;
  /**
   * Run one shell command line (built with quote()). Resolves with a non-zero exit code as a value;
   * rejects only on transport failure or timeout (TimeoutError).
   */
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  sftp(): Promise<SftpClient>;
  /** Ask the server to open a TCP forward (used by smoke to prove forwarding is refused). */
  forwardOut?(dstHost: string, dstPort: number): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Append unknown host keys to the known_hosts file instead of refusing them. */
  acceptNewHostKeys: boolean;
  connectTimeoutMs: number;
  execTimeoutMs: number;
  knownHostsFile: string;
  agent: boolean;
  useSshConfig: boolean;
}

/** Opens transports. Injected into the runner so tests can replace it. */
export interface Connector {
  connect(target: HostTarget, options: ConnectOptions): Promise<Transport>;
}
