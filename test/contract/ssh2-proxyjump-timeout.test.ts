/**
 * A ProxyJump hop that accepts the connection and the login but never answers the forward request (issue #13
 * item 7): the connect fails as a `timeout` ConnectError within ssh.connectTimeout, naming the jump host, instead
 * of hanging the run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConnectError } from '../../src/errors.js';
import { Ssh2Connector } from '../../src/ssh/ssh2-transport.js';
import { startTestServer, writePrivateKey, type TestServer } from './support/ssh-test-server.js';
import { generateEd25519KeyPair } from '../support/ed25519-keypair.js';

const dir = mkdtempSync(join(tmpdir(), 'ofl-jump-'));
const hostKey = generateEd25519KeyPair();
const clientKey = generateEd25519KeyPair();
const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('ProxyJump forward timeout', () => {
  it('a hop that never answers the forward request: ConnectError timeout within the connect timeout', async () => {
    const jump = await startTestServer({ hostKey: hostKey.private, authorizedKeys: [clientKey.public], onForward: () => 'never-answer' });
    servers.push(jump);
    const key = writePrivateKey(dir, 'id', clientKey.private);
    const [type, b64] = hostKey.public.split(' ');
    const known = join(dir, 'known_hosts');
    writeFileSync(known, `[127.0.0.1]:${jump.port} ${type} ${b64}\n`);
    const sshConfig = join(dir, 'ssh_config');
    writeFileSync(
      sshConfig,
      ['Host behind', '  HostName 127.0.0.1', '  Port 1', `  ProxyJump hop@127.0.0.1:${jump.port}`, 'Host *', `  IdentityFile ${key}`].join(
        '\n',
      ),
    );
    const started = Date.now();
    const error = await new Ssh2Connector({ homeDir: dir, env: {}, sshConfigPath: sshConfig })
      .connect(
        { name: 'hv1', role: 'hypervisor', host: 'behind', port: 22, user: 'root', identityFiles: [], become: 'sudo' },
        {
          acceptNewHostKeys: false,
          connectTimeoutMs: 1_500,
          execTimeoutMs: 5_000,
          knownHostsFile: known,
          agent: false,
          useSshConfig: true,
        },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).reason).toBe('timeout');
    expect((error as Error).message).toMatch(/via jump host .*no answer to the forward request within 1500 ms/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(jump.forwards).toEqual(['127.0.0.1:1']);
  });
});
