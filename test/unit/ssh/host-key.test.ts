import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostKeyError } from '../../../src/errors.js';
import { createHostKeyGate, hostLabel, preferredHostKeyAlgorithms, type HostKeyCheck } from '../../../src/ssh/host-key.js';
import { fingerprintSha256, parseKnownHosts } from '../../../src/ssh/known-hosts.js';
import { ed25519Key, sshKeygenKey } from './keys.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ofl-hk-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const key = ed25519Key();
const other = ed25519Key();

function check(knownText: string, acceptNew = false): HostKeyCheck {
  return {
    label: hostLabel('hv1', '127.0.1.11', 2222),
    host: '127.0.1.11',
    port: 2222,
    knownHostsFile: join(dir, 'known_hosts'),
    known: parseKnownHosts(knownText),
    acceptNew,
  };
}

function decide(c: HostKeyCheck, blob: Buffer): Promise<boolean> {
  const gate = createHostKeyGate(c);
  return new Promise((resolve) => gate.verify(blob, resolve)).then((ok) => {
    lastGate = gate;
    return ok as boolean;
  });
}
let lastGate: ReturnType<typeof createHostKeyGate> | undefined;

describe('host key gate', () => {
  it('accepts a known key', async () => {
    expect(await decide(check(`[127.0.1.11]:2222 ${key.type} ${key.base64}\n`), key.blob)).toBe(true);
    expect(lastGate?.refusal).toBeUndefined();
  });

  it('refuses an unknown key, naming host, type and SHA256 fingerprint, and hinting at --accept-new-host-keys', async () => {
    expect(await decide(check(''), key.blob)).toBe(false);
    const refusal = lastGate?.refusal as HostKeyError;
    expect(refusal).toBeInstanceOf(HostKeyError);
    expect(refusal).toMatchObject({ reason: 'hostkey', why: 'unknown', keyType: 'ssh-ed25519' });
    expect(refusal.fingerprint).toBe(fingerprintSha256(key.blob));
    expect(refusal.message).toContain('hv1 ([127.0.1.11]:2222)');
    expect(refusal.message).toContain(fingerprintSha256(key.blob));
    expect(refusal.message).toContain('--accept-new-host-keys');
  });

  it('refuses a changed key even with accept-new, naming the line to remove', async () => {
    const known = `# first\n[127.0.1.11]:2222 ${other.type} ${other.base64}\n`;
    expect(await decide(check(known, true), key.blob)).toBe(false);
    const refusal = lastGate?.refusal as HostKeyError;
    expect(refusal.why).toBe('changed');
    expect(refusal.message).toMatch(/line 2 of .*known_hosts/);
    expect(refusal.message).toContain("ssh-keygen -R '[127.0.1.11]:2222'");
  });

  it('refuses a revoked key even with accept-new', async () => {
    const known = `@revoked * ${key.type} ${key.base64}\n`;
    expect(await decide(check(known, true), key.blob)).toBe(false);
    expect((lastGate?.refusal as HostKeyError).why).toBe('revoked');
  });

  it('says clearly when only @cert-authority lines match', async () => {
    expect(await decide(check(`@cert-authority * ${other.type} ${other.base64}\n`), key.blob)).toBe(false);
    expect(lastGate?.refusal?.message).toMatch(/@cert-authority.*not supported/);
  });

  it('with accept-new, appends an unknown key and accepts it', async () => {
    const c = check('', true);
    expect(await decide(c, key.blob)).toBe(true);
    expect(readFileSync(c.knownHostsFile, 'utf8')).toBe(`[127.0.1.11]:2222 ${key.type} ${key.base64}\n`);
  });

  it('with accept-new, refuses when the file cannot be written', async () => {
    const c = { ...check('', true), knownHostsFile: '/proc/version/known_hosts' };
    expect(await decide(c, key.blob)).toBe(false);
    expect(lastGate?.refusal?.message).toMatch(/cannot add the ssh-ed25519 host key/);
  });
});

describe('preferredHostKeyAlgorithms', () => {
  it('puts key types already known first and offers no SHA-1 or DSA algorithms', () => {
    const ecdsa = sshKeygenKey('ecdsa');
    expect(preferredHostKeyAlgorithms([])[0]).toBe('ssh-ed25519');
    expect(preferredHostKeyAlgorithms([ecdsa.type])[0]).toBe(ecdsa.type);
    expect(preferredHostKeyAlgorithms(['ssh-rsa']).slice(0, 2)).toEqual(['rsa-sha2-512', 'rsa-sha2-256']);
    for (const known of [[], ['ssh-rsa'], ['ssh-dss']]) {
      const list = preferredHostKeyAlgorithms(known);
      expect(list).not.toContain('ssh-rsa');
      expect(list).not.toContain('ssh-dss');
    }
  });
});
