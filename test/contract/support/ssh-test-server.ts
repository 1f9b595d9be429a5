/**
 * An in-process ssh2 Server on 127.0.0.1 (random port), set up the way ssh2's own test/common.js does, for the
 * transport contract tests. Exec requests run for real through a local `sh -c` (so quoting, stdin, exit codes
 * and signals are genuine) with a stand-in `sudo` first on PATH; a test can take over any exec or forward.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { AcceptConnection, ClientInfo, Connection, ServerChannel, TcpipRequestInfo } from 'ssh2';
import { serveSftp } from './sftp-server.js';

/** Write a private key file the way ssh expects it (0600) and return its path. */
export function writePrivateKey(dir: string, name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  chmodSync(file, 0o600);
  return file;
}

export interface ExecRequest {
  user: string;
  command: string;
  channel: ServerChannel;
}

export interface TestServerOptions {
  /** Private host key (OpenSSH format). */
  hostKey: string;
  /** Public keys (`type base64 ...`) allowed to log in, any user name. */
  authorizedKeys: string[];
  /** Take over an exec: return true when handled. */
  onExec?: (request: ExecRequest) => boolean;
  /** Decide on a direct-tcpip request. @defaultValue reject */
  onForward?: (info: TcpipRequestInfo) => 'reject' | 'pipe' | 'accept-and-close' | 'never-answer';
  /** Root directory served over sftp. */
  sftpRoot?: string;
}

export interface TestServer {
  readonly port: number;
  /** Every exec command line received, in order. */
  readonly commands: string[];
  /** Forward requests received (`host:port`). */
  readonly forwards: string[];
  /** Highest number of session channels open at the same time on one connection. */
  readonly maxConcurrentSessions: number;
  /** Connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

const SUDO_STANDIN = '#!/bin/sh\n[ "$1" = -n ] || { echo "sudo: a password is required" >&2; exit 1; }\nshift\nexec "$@"\n';

export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const bin = mkdtempSync(join(tmpdir(), 'ofl-srv-bin-'));
  writeFileSync(join(bin, 'sudo'), SUDO_STANDIN);
  chmodSync(join(bin, 'sudo'), 0o755);
  const allowed = options.authorizedKeys.map((line) => {
    const key = ssh2.utils.parseKey(line);
    if (key instanceof Error || Array.isArray(key)) throw new Error('bad authorized key');
    return key;
  });
  const children = new Set<ChildProcess>();
  const clients = new Set<Connection>();
  const state = { commands: [] as string[], forwards: [] as string[], maxConcurrentSessions: 0, connections: 0 };

  const server = new ssh2.Server({ hostKeys: [options.hostKey] }, (client: Connection, _info: ClientInfo) => {
    state.connections += 1;
    clients.add(client);
    let user = '';
    let openSessions = 0;
    client.on('error', () => undefined);
    client.on('close', () => clients.delete(client));
    client.on('authentication', (ctx) => {
      user = ctx.username;
      if (ctx.method !== 'publickey') return ctx.reject(['publickey']);
      const key = allowed.find((k) => k.type === ctx.key.algo && k.getPublicSSH().equals(ctx.key.data));
      if (!key) return ctx.reject(['publickey']);
      // Without a signature the client only asks whether the key would do; with one, check it.
      if (ctx.signature && key.verify(ctx.blob as Buffer, ctx.signature, ctx.hashAlgo) !== true) return ctx.reject();
      ctx.accept();
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        openSessions += 1;
        state.maxConcurrentSessions = Math.max(state.maxConcurrentSessions, openSessions);
        session.once('close', () => (openSessions -= 1));
        session.on('exec', (acceptExec, _reject, info) => {
          state.commands.push(info.command);
          const channel = acceptExec();
          if (options.onExec?.({ user, command: info.command, channel })) return;
          runWithSh(info.command, channel, bin, children);
        });
        session.on('sftp', (acceptSftp) => {
          const sftp = acceptSftp();
          if (options.sftpRoot) serveSftp(sftp, options.sftpRoot);
          else sftp.end();
        });
      });
      client.on('tcpip', (accept: AcceptConnection<ServerChannel>, reject, info) => {
        state.forwards.push(`${info.destIP}:${info.destPort}`);
        const decision = options.onForward?.(info) ?? 'reject';
        if (decision === 'reject') return reject();
        // A hop that takes the request and never confirms or refuses it (the client must time out).
        if (decision === 'never-answer') return;
        const channel = accept();
        if (decision === 'accept-and-close') return channel.end();
        const socket = netConnect(info.destPort, info.destIP);
        socket.on('error', () => channel.destroy());
        channel.on('error', () => socket.destroy());
        socket.pipe(channel).pipe(socket);
      });
    });
  });

  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });

  return {
    port,
    get commands() {
      return state.commands;
    },
    get forwards() {
      return state.forwards;
    },
    get maxConcurrentSessions() {
      return state.maxConcurrentSessions;
    },
    get connections() {
      return state.connections;
    },
    async close() {
      for (const child of children) killGroup(child);
      for (const client of clients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(bin, { recursive: true, force: true });
    },
  };
}

/** Run the command like sshd would (`sh -c`), relaying stdin/stdout/stderr and the exit status or signal. */
function runWithSh(command: string, channel: ServerChannel, bin: string, children: Set<ChildProcess>): void {
  const child = spawn('sh', ['-c', command], {
    env: { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, LC_ALL: 'C' },
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group, so stopping it also stops what `sh` started (e.g. `sleep`).
    detached: true,
  });
  children.add(child);
  child.stdin.on('error', () => undefined); // the command may exit without reading its stdin
  channel.pipe(child.stdin);
  child.stdout.on('data', (chunk: Buffer) => channel.write(chunk));
  child.stderr.on('data', (chunk: Buffer) => channel.stderr.write(chunk));
  child.on('close', (code, signal) => {
    children.delete(child);
    if (signal) channel.exit(signal.replace(/^SIG/, ''), false, '');
    else channel.exit(code ?? 255);
    channel.end();
  });
  // The client closed the channel (e.g. after its timeout): stop the command as sshd's session teardown does.
  channel.on('close', () => {
    if (child.exitCode === null && child.signalCode === null) killGroup(child);
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
