/**
 * Ssh2Transport: the Transport over one ssh2 Client, kept open for the whole run (plus the jump host's Client
 * when ProxyJump is used). Opened by Ssh2Connector (connect.ts). Every exec has a timeout; a channel that closes
 * without an exit status yields exitCode null, which callers treat as an error (the `exit` event is optional).
 */
import type { Client, ClientChannel } from 'ssh2';
import type { HostTarget } from '../config/types.js';
import { AppError, ConnectError, TimeoutError } from '../errors.js';
import { ChannelLimit } from './channel-limit.js';
import { toConnectError } from './connect-error.js';
import { buildRemoteCommand } from './remote-command.js';
import { Ssh2SftpClient } from './sftp-client.js';
import type { ExecOptions, ExecResult, SftpClient, Transport, TransportStats } from './transport.js';

export interface Ssh2TransportParams {
  target: HostTarget;
  /** hostLabel() of the target, for messages. */
  label: string;
  client: Client;
  /** The jump host's connection the client runs through, closed together with it. */
  jump?: Client;
  execTimeoutMs: number;
  /** Concurrent channels on the connection. @defaultValue 8 (OpenSSH MaxSessions is 10) */
  maxChannels?: number;
}

interface ChannelRun {
  command: string;
  stdin: string | Buffer | undefined;
  timeoutMs: number;
  /** performance.now() when the exec started. */
  started: number;
  /** Gives the channel slot back (idempotent). */
  release: () => void;
}

// After a timeout the channel is closed; if the server never confirms, give the slot back after this long.
const RELEASE_GRACE_MS = 2_000;

export class Ssh2Transport implements Transport {
  readonly target: HostTarget;
  readonly stats: TransportStats;
  private readonly label: string;
  private readonly client: Client;
  private readonly jump: Client | undefined;
  private readonly execTimeoutMs: number;
  private readonly channels: ChannelLimit;
  private lost: ConnectError | undefined;
  private closing: Promise<void> | undefined;
  private readonly ended = new WeakSet<Client>();

  constructor(params: Ssh2TransportParams) {
    this.target = params.target;
    this.label = params.label;
    this.client = params.client;
    this.jump = params.jump;
    this.execTimeoutMs = params.execTimeoutMs;
    this.channels = new ChannelLimit(params.maxChannels ?? 8);
    this.stats = { connections: params.jump ? 2 : 1, execs: 0 };
    for (const c of params.jump ? [params.client, params.jump] : [params.client]) {
      c.on('error', (error) => {
        this.lost ??= toConnectError(error, { label: this.label, connectTimeoutMs: 0 });
      });
      c.on('close', () => {
        this.ended.add(c);
        this.lost ??= new ConnectError(this.label, 'protocol', 'the connection was closed');
      });
    }
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const line = buildRemoteCommand(command, this.target, options.privileged ?? true);
    const timeoutMs = options.timeoutMs ?? this.execTimeoutMs;
    const release = await this.channels.acquire();
    this.stats.execs += 1;
    const started = performance.now();
    let channel: ClientChannel;
    try {
      channel = await this.openExecChannel(line);
    } catch (error) {
      release();
      throw error;
    }
    return this.runOnChannel(channel, { command, stdin: options.stdin, timeoutMs, started, release });
  }

  private openExecChannel(line: string): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      this.assertUsable();
      try {
        this.client.exec(line, (error, channel) => {
          if (error) reject(this.channelError('cannot open a session channel', error));
          else resolve(channel);
        });
      } catch (error) {
        reject(this.channelError('cannot open a session channel', error));
      }
    });
  }

  private runOnChannel(channel: ClientChannel, run: ChannelRun): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let timedOut = false;
      channel.on('data', (chunk: Buffer) => stdout.push(chunk));
      channel.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      // ssh2 repeats the exit status/signal as the arguments of `close` (undefined when none was sent).
      channel.on('close', (code: number | null | undefined, signal?: string) => {
        clearTimeout(timer);
        run.release();
        if (timedOut) return;
        // No exit status because the connection itself went away: a transport failure, not a result.
        if (typeof code !== 'number' && !signal && this.lost) return reject(this.lost);
        const stdoutRaw = Buffer.concat(stdout);
        resolve({
          exitCode: typeof code === 'number' ? code : null,
          ...(signal ? { signal } : {}),
          stdout: stdoutRaw.toString('utf8'),
          // The probe script's framing counts bytes: a non-UTF-8 byte must not change the length (probe-host.ts).
          stdoutRaw,
          stderr: Buffer.concat(stderr).toString('utf8'),
          durationMs: Math.round(performance.now() - run.started),
        });
      });
      const timer = setTimeout(() => {
        timedOut = true;
        // Ask the remote side to stop (OpenSSH ≥ 7.9 delivers it), then close our end regardless.
        try {
          channel.signal('TERM');
        } catch {}
        channel.close();
        setTimeout(run.release, RELEASE_GRACE_MS).unref();
        reject(new TimeoutError(this.label, `command \`${abbreviate(run.command)}\``, run.timeoutMs));
      }, run.timeoutMs);
      // Always end stdin: a command reading it must see EOF rather than wait until the timeout.
      channel.end(run.stdin);
    });
  }

  async sftp(): Promise<SftpClient> {
    const release = await this.channels.acquire();
    return new Promise((resolve, reject) => {
      try {
        this.assertUsable();
        this.client.sftp((error, sftp) => {
          if (error) {
            release();
            reject(new AppError(`${this.label}: cannot start sftp: ${error.message}`, { cause: error }));
          } else {
            resolve(new Ssh2SftpClient(sftp, this.label, release));
          }
        });
      } catch (error) {
        release();
        reject(this.channelError('cannot start sftp', error));
      }
    });
  }

  /** Resolves if the server opens a direct-tcpip channel to dstHost:dstPort (then closes it), rejects if not. */
  forwardOut(dstHost: string, dstPort: number): Promise<void> {
    return new Promise((resolve, reject) => {
      try {
        this.assertUsable();
        this.client.forwardOut('127.0.0.1', 0, dstHost, dstPort, (error, channel) => {
          if (error) {
            const why = `the server did not open a forward to ${dstHost}:${dstPort}: ${error.message}`;
            reject(new AppError(`${this.label}: ${why}`, { cause: error }));
            return;
          }
          channel.close();
          resolve();
        });
      } catch (error) {
        reject(this.channelError('cannot request a forward', error));
      }
    });
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.endClient(this.client);
      if (this.jump) await this.endClient(this.jump);
    })();
    return this.closing;
  }

  private endClient(client: Client): Promise<void> {
    if (this.ended.has(client)) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => {
        client.destroy();
        resolve();
      }, RELEASE_GRACE_MS);
      force.unref();
      client.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      client.end();
    });
  }

  private assertUsable(): void {
    if (this.closing) throw new ConnectError(this.label, 'protocol', 'the transport was closed');
    if (this.lost) throw this.lost;
  }

  private channelError(what: string, error: unknown): ConnectError {
    if (error instanceof ConnectError) return error;
    return new ConnectError(this.label, 'protocol', `${what}: ${(error as Error).message}`, { cause: error });
  }
}

function abbreviate(command: string): string {
  const oneLine = command.replace(/\s+/g, ' ').trim();
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}
