import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import { planAuthentication } from '../../../src/ssh/identities.js';

const dir = mkdtempSync(join(tmpdir(), 'ofl-id-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeKey(name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  chmodSync(file, 0o600);
  return file;
}

const plain = ssh2.utils.generateKeyPairSync('ed25519');
const encrypted = ssh2.utils.generateKeyPairSync('ed25519', { passphrase: 'secret', cipher: 'aes256-ctr', rounds: 16 });
const plainFile = writeKey('id_plain', plain.private);
const encryptedFile = writeKey('id_encrypted', encrypted.private);
const publicFile = writeKey('id_plain.pub', plain.public);

const base = { user: 'root', identityFilesAreDefaults: false, agent: false, agentSocket: undefined };

describe('planAuthentication', () => {
  it('offers readable private keys first, then the agent', async () => {
    const plan = await planAuthentication({ ...base, identityFiles: [plainFile], agent: true, agentSocket: '/run/agent.sock' });
    expect(plan.methods.map((m) => m.type)).toEqual(['publickey', 'agent']);
    expect(plan.offered).toEqual([`key ${plainFile}`, 'agent /run/agent.sock']);
    expect(plan.skipped).toEqual([]);
  });

  it('skips an encrypted key with a clear note that holds no key material', async () => {
    const plan = await planAuthentication({ ...base, identityFiles: [encryptedFile] });
    expect(plan.methods).toEqual([]);
    expect(plan.skipped).toHaveLength(1);
    expect(plan.skipped[0]).toMatch(/id_encrypted \(encrypted; passphrases are not prompted for/);
    const secretBody = encrypted.private.split('\n')[1] ?? '';
    expect(secretBody.length).toBeGreaterThan(20);
    expect(plan.skipped[0]).not.toContain(secretBody.slice(0, 20));
  });

  it('notes missing and public-only files, but not missing default keys', async () => {
    const missing = join(dir, 'nope');
    expect((await planAuthentication({ ...base, identityFiles: [missing, publicFile] })).skipped).toEqual([
      `${missing} (not found)`,
      `${publicFile} (a public key, not a private key)`,
    ]);
    const defaults = await planAuthentication({ ...base, identityFiles: [missing], identityFilesAreDefaults: true });
    expect(defaults.skipped).toEqual([]);
  });

  it('says so when the agent is wanted but SSH_AUTH_SOCK is not set', async () => {
    const plan = await planAuthentication({ ...base, identityFiles: [], agent: true });
    expect(plan.skipped).toEqual(['ssh-agent (SSH_AUTH_SOCK is not set)']);
  });
});
