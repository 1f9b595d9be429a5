import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { ParsedKey, PublicKeyAuthMethod } from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import { createIdentityLoader, planAuthentication, type IdentityFs } from '../../../src/ssh/identities.js';
import { generateEd25519KeyPair } from '../../support/ed25519-keypair.js';

const dir = mkdtempSync(join(tmpdir(), 'ofl-id-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeKey(name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  chmodSync(file, 0o600);
  return file;
}

const plain = generateEd25519KeyPair();
const encrypted = generateEd25519KeyPair({ passphrase: 'secret', cipher: 'aes256-ctr', rounds: 16 });
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

/** An injected file system that counts what it is asked, over the real files (or a failure for `failRead`). */
function countingFs(opts: { failRead?: NodeJS.ErrnoException } = {}) {
  const counts = { stat: 0, readFile: 0 };
  let version = 0;
  const fs: IdentityFs = {
    async stat(path) {
      counts.stat += 1;
      const st = await stat(path);
      return { size: st.size, mtimeMs: st.mtimeMs + version, ctimeMs: st.ctimeMs, ino: st.ino };
    },
    async readFile(path) {
      counts.readFile += 1;
      if (opts.failRead) throw opts.failRead;
      return readFile(path);
    },
  };
  return { fs, counts, touch: () => (version += 1) };
}

describe('createIdentityLoader: each file once per run', () => {
  it('reads and parses a key once for many hosts, and hands ssh2 the parsed private key', async () => {
    const { fs, counts } = countingFs();
    const load = createIdentityLoader(fs);
    const plans = [];
    for (let i = 0; i < 20; i++) plans.push(await planAuthentication({ ...base, identityFiles: [plainFile] }, load));
    expect(counts).toEqual({ stat: 20, readFile: 1 });
    const keys = plans.map((p) => (p.methods[0] as PublicKeyAuthMethod).key);
    expect(new Set(keys).size).toBe(1);
    const key = keys[0] as ParsedKey;
    expect(key.isPrivateKey()).toBe(true);
    expect(key.getPublicSSH().equals((ssh2.utils.parseKey(plain.public) as ParsedKey).getPublicSSH())).toBe(true);
    expect(plans.every((p) => p.offered.join() === `key ${plainFile}` && p.skipped.length === 0)).toBe(true);
  });

  it('hosts connecting at the same time share one read', async () => {
    const { fs, counts } = countingFs();
    const load = createIdentityLoader(fs);
    const plans = await Promise.all(
      Array.from({ length: 32 }, () => planAuthentication({ ...base, identityFiles: [plainFile, encryptedFile] }, load)),
    );
    expect(counts.readFile).toBe(2);
    expect(plans.every((p) => p.methods.length === 1 && p.skipped.length === 1)).toBe(true);
  });

  it('reads the file again when it changed (size, mtime, ctime or inode)', async () => {
    const { fs, counts, touch } = countingFs();
    const load = createIdentityLoader(fs);
    await load(plainFile);
    await load(plainFile);
    touch();
    await load(plainFile);
    await load(plainFile);
    expect(counts.readFile).toBe(2);
  });

  it('an encrypted key: read once, the same note for every host, no key material', async () => {
    const { fs, counts } = countingFs();
    const load = createIdentityLoader(fs);
    const skipped = [];
    for (let i = 0; i < 5; i++) skipped.push(...(await planAuthentication({ ...base, identityFiles: [encryptedFile] }, load)).skipped);
    expect(counts.readFile).toBe(1);
    expect(new Set(skipped).size).toBe(1);
    expect(skipped[0]).toMatch(/id_encrypted \(encrypted; passphrases are not prompted for/);
    expect(skipped[0]).not.toContain((encrypted.private.split('\n')[1] ?? '').slice(0, 20));
  });

  it('a missing file is never read; an unreadable one is not remembered (tried again for the next host)', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const { fs, counts } = countingFs({ failRead: denied });
    const load = createIdentityLoader(fs);
    expect(await load(join(dir, 'nope'))).toBe('not found');
    expect(counts.readFile).toBe(0);
    expect(await load(plainFile)).toBe('cannot read it: EACCES');
    expect(await load(plainFile)).toBe('cannot read it: EACCES');
    expect(counts.readFile).toBe(2);
  });

  it('separate loaders (separate runs) do not share what they read', async () => {
    const a = countingFs();
    const b = countingFs();
    await createIdentityLoader(a.fs)(plainFile);
    await createIdentityLoader(b.fs)(plainFile);
    expect([a.counts.readFile, b.counts.readFile]).toEqual([1, 1]);
  });
});
