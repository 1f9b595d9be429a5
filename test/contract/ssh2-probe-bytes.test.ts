/**
 * The production path of probe output (issue #13 item 6): the real ssh2 transport against an in-process ssh2
 * server whose execs run through a real `sh`, then probeHost's length-prefixed framing. A Latin-1 byte (0xFC)
 * in a probed file used to turn the length prefix wrong (UTF-8 decoding grows 1 byte to 3), failing every check
 * of the host; now the framing counts raw bytes and the byte survives decoding and re-encoding.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeText } from '../../src/runner/byte-text.js';
import { probeHost } from '../../src/runner/probe-host.js';
import { Ssh2Connector } from '../../src/ssh/ssh2-transport.js';
import type { Transport } from '../../src/ssh/transport.js';
import { startTestServer, writePrivateKey, type TestServer } from './support/ssh-test-server.js';
import { generateEd25519KeyPair } from '../support/ed25519-keypair.js';

const dir = mkdtempSync(join(tmpdir(), 'ofl-bytes-'));
const hostKey = generateEd25519KeyPair();
const clientKey = generateEd25519KeyPair();
const LATIN1_FILE = Buffer.concat([Buffer.from('# Verantwortlich: J'), Buffer.from([0xfc]), Buffer.from('rgen\nPort 22\n')]);

let server: TestServer;
let transport: Transport;

beforeAll(async () => {
  server = await startTestServer({ hostKey: hostKey.private, authorizedKeys: [clientKey.public] });
  const known = join(dir, 'known_hosts');
  const [type, b64] = hostKey.public.split(' ');
  writeFileSync(known, `[127.0.0.1]:${server.port} ${type} ${b64}\n`);
  writeFileSync(join(dir, 'sshd_config'), LATIN1_FILE);
  transport = await new Ssh2Connector({ homeDir: dir, env: {} }).connect(
    {
      name: 'sftp',
      role: 'sftp',
      host: '127.0.0.1',
      port: server.port,
      user: 'root',
      identityFiles: [writePrivateKey(dir, 'id', clientKey.private)],
      become: 'sudo',
    },
    { acceptNewHostKeys: false, connectTimeoutMs: 5_000, execTimeoutMs: 10_000, knownHostsFile: known, agent: false, useSshConfig: false },
  );
});
afterAll(async () => {
  await transport?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('raw bytes through the real transport', () => {
  it('exec returns stdoutRaw byte for byte', async () => {
    const r = await transport.exec(`cat ${join(dir, 'sshd_config')}`);
    expect(r.stdoutRaw?.equals(LATIN1_FILE)).toBe(true);
  });

  it('probeHost frames a Latin-1 byte correctly: this probe and the ones after it parse, and the byte round-trips', async () => {
    const seen: Record<string, string> = {};
    const probe = {
      file: { run: ['cat', join(dir, 'sshd_config')], parse: (out: string) => (seen.file = out) },
      after: { run: ['echo', 'next'], parse: (out: string) => (seen.after = out) },
    };
    const result = await probeHost(transport, [{ id: 'latin1', probe }], { withFacts: false, timeoutMs: 10_000 });
    expect(result.observations.get('latin1')).toMatchObject({ ok: true });
    expect(seen.after).toBe('next\n');
    expect(seen.file).toContain('Port 22');
    // Written back by a step, the file keeps the admin's byte (not U+FFFD's three bytes).
    expect(encodeText(seen.file!).equals(LATIN1_FILE)).toBe(true);
  });
});
