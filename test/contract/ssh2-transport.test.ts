/**
 * The ssh2 transport against an in-process ssh2 Server on 127.0.0.1 (house-style §3.8 "Contract"): exec
 * results, timeouts, host-key policy, failure classification, sudo wrapping, the channel cap and stats.
 * All key material is generated here; nothing leaves loopback.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HostTarget } from '../../src/config/types.js';
import { ConnectError, HostKeyError, TimeoutError } from '../../src/errors.js';
import { Ssh2Connector } from '../../src/ssh/ssh2-transport.js';
import type { ConnectOptions, Transport } from '../../src/ssh/transport.js';
import { startTestServer, type TestServer, type TestServerOptions, writePrivateKey } from './support/ssh-test-server.js';
import { generateEd25519KeyPair } from '../support/ed25519-keypair.js';

const dir = mkdtempSync(join(tmpdir(), 'ofl-contract-'));
const hostKey = generateEd25519KeyPair();
const otherHostKey = generateEd25519KeyPair();
const clientKey = generateEd25519KeyPair();
const strangerKey = generateEd25519KeyPair();
const lockedKey = generateEd25519KeyPair({ passphrase: 'pw', cipher: 'aes256-ctr', rounds: 16 });

const writePrivate = (name: string, content: string): string => writePrivateKey(dir, name, content);
const clientKeyFile = writePrivate('id_client', clientKey.private);
const strangerKeyFile = writePrivate('id_stranger', strangerKey.private);
const lockedKeyFile = writePrivate('id_locked', lockedKey.private);

/** `SHA256:...` of a public key as ssh-keygen prints it: an independent oracle for our fingerprints. */
function sshKeygenFingerprint(publicLine: string): string {
  const file = join(dir, `fp-${Math.random().toString(36).slice(2)}.pub`);
  writeFileSync(file, `${publicLine}\n`);
  return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', file], { encoding: 'utf8' }).split(' ')[1] ?? '';
}

function knownLine(port: number, publicLine: string): string {
  const [type, b64] = publicLine.split(' ');
  return `[127.0.0.1]:${port} ${type} ${b64}`;
}

let server: TestServer;
const extraServers: TestServer[] = [];
const transports: Transport[] = [];
// HOME for the connector is the temp dir: no real ~/.ssh is ever read.
const connector = new Ssh2Connector({ homeDir: dir, env: {} });

async function startServer(overrides: Partial<TestServerOptions> = {}): Promise<TestServer> {
  const s = await startTestServer({ hostKey: hostKey.private, authorizedKeys: [clientKey.public], ...overrides });
  extraServers.push(s);
  return s;
}

function target(s: TestServer, overrides: Partial<HostTarget> = {}): HostTarget {
  return {
    name: 'hv1',
    role: 'hypervisor',
    host: '127.0.0.1',
    user: 'root',
    port: s.port,
    identityFiles: [clientKeyFile],
    become: 'sudo',
    ...overrides,
  };
}

function knownHostsWith(...lines: string[]): string {
  const file = join(dir, `known_hosts-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  return file;
}

function options(s: TestServer, overrides: Partial<ConnectOptions> = {}): ConnectOptions {
  return {
    acceptNewHostKeys: false,
    connectTimeoutMs: 5_000,
    execTimeoutMs: 10_000,
    knownHostsFile: knownHostsWith(knownLine(s.port, hostKey.public)),
    agent: false,
    useSshConfig: false,
    ...overrides,
  };
}

async function open(s: TestServer, t: Partial<HostTarget> = {}, o: Partial<ConnectOptions> = {}): Promise<Transport> {
  const transport = await connector.connect(target(s, t), options(s, o));
  transports.push(transport);
  return transport;
}

async function connectFailure(s: { port: number }, t: Partial<HostTarget>, o: Partial<ConnectOptions>): Promise<ConnectError> {
  const error = await connector
    .connect(target(s as TestServer, t), { ...options(s as TestServer), ...o })
    .then((tr) => {
      transports.push(tr);
      return undefined;
    })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectError);
  return error as ConnectError;
}

beforeAll(async () => {
  server = await startTestServer({
    hostKey: hostKey.private,
    authorizedKeys: [clientKey.public],
    onExec: ({ command, channel }) => {
      if (command !== 'no-exit-status') return false;
      channel.write('partial');
      channel.end(); // close without exit-status or exit-signal, which SSH permits
      return true;
    },
  });
});
afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
});
afterAll(async () => {
  await server.close();
  await Promise.all(extraServers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('exec', () => {
  it('returns exit codes, stdout and stderr as values', async () => {
    const t = await open(server);
    expect(await t.exec('echo hello; echo oops >&2; exit 3')).toMatchObject({ exitCode: 3, stdout: 'hello\n', stderr: 'oops\n' });
    expect(await t.exec('true')).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    const r = await t.exec('printf "%s" "ünï"');
    expect(r.stdout).toBe('ünï');
    expect(r.signal).toBeUndefined();
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a signal death as exitCode null plus the signal', async () => {
    const t = await open(server);
    expect(await t.exec('kill -KILL $$')).toMatchObject({ exitCode: null, signal: 'SIGKILL' });
  });

  it('reports a channel that closed without an exit status as exitCode null, no signal', async () => {
    const t = await open(server);
    const r = await t.exec('no-exit-status');
    expect(r).toMatchObject({ exitCode: null, stdout: 'partial' });
    expect(r.signal).toBeUndefined();
  });

  it('delivers stdin, then EOF', async () => {
    const t = await open(server);
    expect((await t.exec('cat', { stdin: 'line 1\nline 2\n' })).stdout).toBe('line 1\nline 2\n');
    const big = Buffer.alloc(1 << 20, 0x61);
    expect((await t.exec('wc -c', { stdin: big })).stdout.trim()).toBe(String(1 << 20));
    // No stdin given: the command still sees EOF at once instead of waiting for the timeout.
    expect(await t.exec('cat', { timeoutMs: 3_000 })).toMatchObject({ exitCode: 0, stdout: '' });
  });

  it('rejects with TimeoutError when a command overruns, and the connection stays usable', async () => {
    const t = await open(server);
    const started = Date.now();
    const error = await t.exec('sleep 30', { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toMatch(/\[127\.0\.0\.1\]:\d+.*`sleep 30` timed out after 300 ms/);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await t.exec('echo still here')).toMatchObject({ exitCode: 0, stdout: 'still here\n' });
  });

  it('wraps privileged commands of a non-root user with become sudo as sudo -n sh -c <quoted>', async () => {
    const t = await open(server, { user: 'deploy', become: 'sudo' });
    const before = server.commands.length;
    const r = await t.exec(`printf '%s\\n' "it's" $((6*7))`);
    expect(server.commands[before]).toBe(`sudo -n sh -c 'printf '\\''%s\\n'\\'' "it'\\''s" $((6*7))'`);
    expect(r).toMatchObject({ exitCode: 0, stdout: "it's\n42\n" });
    await t.exec('true', { privileged: false });
    expect(server.commands[before + 1]).toBe('true');
    const root = await open(server, { user: 'root', become: 'sudo' });
    await root.exec('true');
    const none = await open(server, { user: 'deploy', become: 'none' });
    await none.exec('id');
    expect(server.commands.slice(before + 2)).toEqual(['true', 'id']);
  });

  it('keeps at most 8 channels open under 20 parallel execs, and counts 1 connection and every exec', async () => {
    const s = await startServer();
    const t = await open(s);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => t.exec(`sleep 0.2; echo ${i}`)));
    expect(results.map((r) => r.stdout)).toEqual(Array.from({ length: 20 }, (_, i) => `${i}\n`));
    expect(s.maxConcurrentSessions).toBeLessThanOrEqual(8);
    expect(s.maxConcurrentSessions).toBeGreaterThan(1);
    expect(t.stats).toEqual({ connections: 1, execs: 20 });
    expect(s.connections).toBe(1);
  });
});

describe('host keys', () => {
  it('refuses an unknown host key, naming the host and the SHA256 fingerprint', async () => {
    const knownHostsFile = join(dir, 'kh-missing');
    const error = await connectFailure(server, {}, { knownHostsFile });
    expect(error).toBeInstanceOf(HostKeyError);
    expect(error).toMatchObject({ reason: 'hostkey', why: 'unknown', keyType: 'ssh-ed25519' });
    expect(error.message).toContain(`hv1 ([127.0.0.1]:${server.port})`);
    expect(error.message).toContain(sshKeygenFingerprint(hostKey.public));
    expect(error.message).toContain('--accept-new-host-keys');
    expect(existsSync(knownHostsFile)).toBe(false);
  });

  it('with accept-new, appends [127.0.0.1]:PORT to known_hosts, and the next connect matches it', async () => {
    const knownHostsFile = join(dir, 'kh-new', 'known_hosts');
    const t = await open(server, {}, { knownHostsFile, acceptNewHostKeys: true });
    expect((await t.exec('echo ok')).stdout).toBe('ok\n');
    expect(readFileSync(knownHostsFile, 'utf8')).toBe(`${knownLine(server.port, hostKey.public)}\n`);
    expect(statSync(knownHostsFile).mode & 0o777).toBe(0o600);
    const again = await open(server, {}, { knownHostsFile, acceptNewHostKeys: false });
    expect((await again.exec('echo again')).stdout).toBe('again\n');
    expect(readFileSync(knownHostsFile, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('refuses a changed host key, even with accept-new, naming the line to remove', async () => {
    const knownHostsFile = knownHostsWith('# pinned', knownLine(server.port, otherHostKey.public));
    const before = readFileSync(knownHostsFile, 'utf8');
    const error = await connectFailure(server, {}, { knownHostsFile, acceptNewHostKeys: true });
    expect(error).toMatchObject({ reason: 'hostkey', why: 'changed' });
    expect(error.message).toContain(sshKeygenFingerprint(hostKey.public));
    expect(error.message).toContain(`line 2 of ${knownHostsFile}`);
    expect(readFileSync(knownHostsFile, 'utf8')).toBe(before);
  });

  it('refuses a revoked host key', async () => {
    const line = knownLine(server.port, hostKey.public);
    const error = await connectFailure(server, {}, { knownHostsFile: knownHostsWith(line, `@revoked ${line}`) });
    expect(error).toMatchObject({ reason: 'hostkey', why: 'revoked' });
  });
});

describe('connection failures', () => {
  it('classifies a rejected key as auth, saying what was offered', async () => {
    const error = await connectFailure(server, { identityFiles: [strangerKeyFile] }, {});
    expect(error.reason).toBe('auth');
    expect(error.message).toContain(`key ${strangerKeyFile}`);
  });

  it('says clearly that an encrypted key cannot be used, without printing key material', async () => {
    const error = await connectFailure(server, { identityFiles: [lockedKeyFile] }, {});
    expect(error.reason).toBe('auth');
    expect(error.message).toMatch(/id_locked \(encrypted; passphrases are not prompted for in this version/);
    expect(error.message).not.toContain('PRIVATE KEY');
    expect(error.message).not.toContain(lockedKey.private.split('\n')[1]?.slice(0, 24));
  });

  it('classifies a closed port as refused', async () => {
    const port = await freePort();
    const error = await connectFailure({ port }, {}, {});
    expect(error.reason).toBe('refused');
  });

  it('classifies a server that never speaks SSH as timeout', async () => {
    // Reads (so it notices the client hanging up) but never answers.
    const silent = createServer((socket) => socket.on('error', () => undefined).resume());
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (silent.address() as { port: number }).port;
      const error = await connectFailure({ port }, {}, { connectTimeoutMs: 300 });
      expect(error.reason).toBe('timeout');
      expect(error.message).toContain('no SSH handshake within 300 ms');
    } finally {
      await closeNetServer(silent);
    }
  });

  it('rejects execs once the server has gone', async () => {
    const s = await startServer();
    const t = await open(s);
    await s.close();
    await new Promise((r) => setTimeout(r, 100));
    await expect(t.exec('true')).rejects.toBeInstanceOf(ConnectError);
  });
});

describe('forwarding, sftp, agent and ProxyJump', () => {
  it('forwardOut resolves when the server opens the channel and rejects when it refuses', async () => {
    const s = await startServer({ onForward: (info) => (info.destPort === 7 ? 'accept-and-close' : 'reject') });
    const t = await open(s);
    await expect(t.forwardOut?.('127.0.0.1', 7)).resolves.toBeUndefined();
    await expect(t.forwardOut?.('127.0.0.1', 8)).rejects.toThrow(/did not open a forward to 127\.0\.0\.1:8/);
    expect(s.forwards).toEqual(['127.0.0.1:7', '127.0.0.1:8']);
  });

  it('sftp: put with an exact mode, stat (undefined when missing), readdir, chmod, realpath, unlink', async () => {
    const root = mkdtempSync(join(dir, 'sftp-'));
    const s = await startServer({ sftpRoot: root });
    const t = await open(s);
    const sftp = await t.sftp();
    await sftp.put(Buffer.from('payload'), '/upload.vfd', 0o664);
    expect(readFileSync(join(root, 'upload.vfd'), 'utf8')).toBe('payload');
    expect(statSync(join(root, 'upload.vfd')).mode & 0o777).toBe(0o664);
    expect(await sftp.stat('/upload.vfd')).toMatchObject({ size: 7, uid: process.getuid?.() });
    expect(await sftp.stat('/missing')).toBeUndefined();
    expect(await sftp.readdir('/')).toEqual([{ name: 'upload.vfd', size: 7, mode: statSync(join(root, 'upload.vfd')).mode }]);
    await sftp.chmod('/upload.vfd', 0o600);
    expect(((await sftp.stat('/upload.vfd'))?.mode ?? 0) & 0o777).toBe(0o600);
    expect(await sftp.realpath('/a/../upload.vfd')).toBe('/upload.vfd');
    await sftp.unlink('/upload.vfd');
    expect(existsSync(join(root, 'upload.vfd'))).toBe(false);
    await expect(sftp.unlink('/upload.vfd')).rejects.toThrow(/sftp unlink \/upload\.vfd/);
    await sftp.close();
    // The session's channel slot is free again: the connection still runs commands.
    expect((await t.exec('echo after')).stdout).toBe('after\n');
  });

  it('authenticates through ssh-agent at SSH_AUTH_SOCK when agent is on', async () => {
    const agent = await startAgent();
    try {
      const viaAgent = new Ssh2Connector({ homeDir: dir, env: { SSH_AUTH_SOCK: agent.socket } });
      const t = await viaAgent.connect(target(server, { identityFiles: [] }), options(server, { agent: true }));
      transports.push(t);
      expect((await t.exec('echo agent')).stdout).toBe('agent\n');
    } finally {
      await agent.stop();
    }
  });

  it('an explicit user in the config wins over ~/.ssh/config User (even root); a defaulted one does not', async () => {
    const users: string[] = [];
    const recording = await startServer({
      onExec: ({ user, command, channel }) => {
        if (command !== 'whoami-login') return false;
        users.push(user);
        channel.exit(0);
        channel.end();
        return true;
      },
    });
    const sshConfig = join(dir, 'ssh_config_user');
    writeFileSync(sshConfig, 'Host 127.0.0.1\n  User admin\n');
    const connector = new Ssh2Connector({ homeDir: dir, env: {}, sshConfigPath: sshConfig });
    for (const explicit of [{ user: true, port: false }, { user: false, port: false }, undefined]) {
      const t = await connector.connect(target(recording, explicit ? { explicit } : {}), options(recording, { useSshConfig: true }));
      transports.push(t);
      await t.exec('whoami-login');
    }
    // Written `user: root` → root; the schema default → ~/.ssh/config's User; no record → inferred (root = default).
    expect(users).toEqual(['root', 'admin', 'admin']);
  });

  it('connects through one ProxyJump hop from ~/.ssh/config, counting 2 connections', async () => {
    const jumpHost = await startServer({ hostKey: otherHostKey.private, onForward: () => 'pipe' });
    const sshConfig = join(dir, 'ssh_config');
    writeFileSync(
      sshConfig,
      [
        'Host hv-behind-jump',
        '  HostName 127.0.0.1',
        `  Port ${server.port}`,
        `  ProxyJump hopper@127.0.0.1:${jumpHost.port}`,
        // Applies to the jump host (looked up by its own name) and to the target alike.
        'Host *',
        `  IdentityFile ${clientKeyFile}`,
      ].join('\n'),
    );
    const viaJump = new Ssh2Connector({ homeDir: dir, env: {}, sshConfigPath: sshConfig });
    const knownHostsFile = knownHostsWith(knownLine(server.port, hostKey.public), knownLine(jumpHost.port, otherHostKey.public));
    const t = await viaJump.connect(
      { ...target(server), host: 'hv-behind-jump', port: 22, identityFiles: [] },
      options(server, { useSshConfig: true, knownHostsFile }),
    );
    transports.push(t);
    expect((await t.exec('echo through')).stdout).toBe('through\n');
    expect(jumpHost.forwards).toEqual([`127.0.0.1:${server.port}`]);
    expect(t.stats).toEqual({ connections: 2, execs: 1 });
  });
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await closeNetServer(s);
  return port;
}

function closeNetServer(s: NetServer): Promise<void> {
  return new Promise((r) => s.close(() => r()));
}

/** A private ssh-agent (foreground, our child, so we reap it) on a socket in the temp dir, holding the client key. */
async function startAgent(): Promise<{ socket: string; stop: () => Promise<void> }> {
  const socket = join(dir, `agent-${Date.now()}.sock`);
  const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => agent.once('exit', () => r()));
  const stop = async () => {
    agent.kill('SIGTERM');
    await exited;
  };
  try {
    for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 20));
    execFileSync('ssh-add', ['-q', clientKeyFile], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
  } catch (error) {
    await stop();
    throw error;
  }
  return { socket, stop };
}
