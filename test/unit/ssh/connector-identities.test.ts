/**
 * Ssh2Connector reads and parses each identity file once per run, not once per host (bench/README.md "What
 * would help"): N in-process ssh2 servers on 127.0.0.1 (test/contract/support/ssh-test-server.ts) stand in for
 * N hosts; the connector's file reads go through an injected, counting file system.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostTarget } from '../../../src/config/types.js';
import { ConnectError } from '../../../src/errors.js';
import type { IdentityFs } from '../../../src/ssh/identities.js';
import { Ssh2Connector } from '../../../src/ssh/ssh2-transport.js';
import type { ConnectOptions, Transport } from '../../../src/ssh/transport.js';
import { startTestServer, type TestServer, writePrivateKey } from '../../contract/support/ssh-test-server.js';
import { generateEd25519KeyPair } from '../../support/ed25519-keypair.js';

const N = 4;
const dir = mkdtempSync(join(tmpdir(), 'ofl-idcache-'));
const clientKey = generateEd25519KeyPair();
const lockedKey = generateEd25519KeyPair({ passphrase: 'pw', cipher: 'aes256-ctr', rounds: 16 });

const writePrivate = (name: string, content: string): string => writePrivateKey(dir, name, content);
const clientKeyFile = writePrivate('id_client', clientKey.private);
const lockedKeyFile = writePrivate('id_locked', lockedKey.private);

function countingFs(): { fs: IdentityFs; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  return {
    reads,
    fs: {
      stat: (path) => stat(path),
      readFile: (path) => {
        reads.set(path, (reads.get(path) ?? 0) + 1);
        return readFile(path);
      },
    },
  };
}

const servers: TestServer[] = [];
let knownHostsFile: string;

beforeAll(async () => {
  const lines: string[] = [];
  for (let i = 0; i < N; i++) {
    const hostKey = generateEd25519KeyPair();
    const server = await startTestServer({ hostKey: hostKey.private, authorizedKeys: [clientKey.public] });
    servers.push(server);
    const [type, b64] = hostKey.public.split(' ');
    lines.push(`[127.0.0.1]:${server.port} ${type} ${b64}\n`);
  }
  knownHostsFile = join(dir, 'known_hosts');
  writeFileSync(knownHostsFile, lines.join(''));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

const target = (i: number, identityFiles: string[]): HostTarget => ({
  name: `hv${i + 1}`,
  role: 'hypervisor',
  host: '127.0.0.1',
  user: 'root',
  port: servers[i]!.port,
  identityFiles,
  become: 'sudo',
});

const options = (): ConnectOptions => ({
  acceptNewHostKeys: false,
  connectTimeoutMs: 10_000,
  execTimeoutMs: 10_000,
  knownHostsFile,
  agent: false,
  useSshConfig: false,
});

describe('Ssh2Connector: identity files', () => {
  it(`connecting to ${N} hosts at once and then again one by one reads each key file once`, async () => {
    const { fs, reads } = countingFs();
    // HOME is the temp dir: no real ~/.ssh is ever read.
    const connector = new Ssh2Connector({ homeDir: dir, env: {}, identityFs: fs });
    const identityFiles = [lockedKeyFile, clientKeyFile];
    const before = servers.map((s) => s.connections);
    const transports: Transport[] = [];
    try {
      transports.push(...(await Promise.all(servers.map((_, i) => connector.connect(target(i, identityFiles), options())))));
      for (let i = 0; i < N; i++) transports.push(await connector.connect(target(i, identityFiles), options()));
    } finally {
      await Promise.all(transports.map((t) => t.close()));
    }
    expect(transports).toHaveLength(2 * N);
    expect(servers.map((s, i) => s.connections - (before[i] ?? 0))).toEqual(Array(N).fill(2));
    expect(Object.fromEntries(reads)).toEqual({ [lockedKeyFile]: 1, [clientKeyFile]: 1 });
  });

  it('an encrypted key alone still fails every host the same way, naming the file and not its contents', async () => {
    const { fs, reads } = countingFs();
    const connector = new Ssh2Connector({ homeDir: dir, env: {}, identityFs: fs });
    const errors = await Promise.all(
      servers.map((_, i) =>
        connector.connect(target(i, [lockedKeyFile]), options()).then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    for (const error of errors) {
      expect(error).toBeInstanceOf(ConnectError);
      expect((error as Error).message).toContain(`${lockedKeyFile} (encrypted; passphrases are not prompted for`);
      expect((error as Error).message).not.toContain((lockedKey.private.split('\n')[1] ?? '').slice(0, 20));
    }
    expect(reads.get(lockedKeyFile)).toBe(1);
  });
});
