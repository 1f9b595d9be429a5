import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendKnownHost, readKnownHostsFile } from '../../../src/ssh/known-hosts-file.js';
import {
  fingerprintSha256,
  formatKnownHostsLine,
  keyTypeOfBlob,
  knownHostName,
  parseKnownHosts,
  verifyHostKey,
} from '../../../src/ssh/known-hosts.js';
import { ed25519Key, sshKeygenKey, type TestKey } from './keys.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ofl-kh-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const k1 = ed25519Key();
const k2 = ed25519Key();
const ecdsa = sshKeygenKey('ecdsa');

function verify(text: string, host: string, port: number, key: TestKey) {
  return verifyHostKey(parseKnownHosts(text).entries, host, port, key.type, key.blob);
}

describe('parseKnownHosts', () => {
  it('skips comments and blank lines, reports malformed lines and keeps 1-based line numbers', () => {
    const text = [
      '# a comment',
      '',
      `   127.0.1.11 ${k1.type} ${k1.base64} hv1 comment with spaces`,
      'garbage',
      `@bogus-marker 127.0.1.12 ${k1.type} ${k1.base64}`,
      `127.0.1.13 ssh-rsa ${k1.base64}`, // the blob says ssh-ed25519: corrupt line
      `\t# indented comment`,
      `@revoked * ${k2.type} ${k2.base64}`,
    ].join('\n');
    const { entries, invalidLines } = parseKnownHosts(text);
    expect(entries.map((e) => [e.line, e.marker, e.keyType])).toEqual([
      [3, undefined, 'ssh-ed25519'],
      [8, 'revoked', 'ssh-ed25519'],
    ]);
    expect(invalidLines).toEqual([4, 5, 6]);
    expect(entries[0]?.keyBlob.equals(k1.blob)).toBe(true);
  });

  it('reads the key type from the blob', () => {
    expect(keyTypeOfBlob(ecdsa.blob)).toBe(ecdsa.type);
    expect(keyTypeOfBlob(Buffer.from([0, 0, 0, 200, 1]))).toBeUndefined();
  });
});

describe('verifyHostKey', () => {
  it('matches any name of a comma-separated host list', () => {
    const text = `hv1.lab,127.0.1.11 ${k1.type} ${k1.base64}\n`;
    expect(verify(text, '127.0.1.11', 22, k1)).toMatchObject({ status: 'match', line: 1 });
    expect(verify(text, 'HV1.lab', 22, k1).status).toBe('match');
    expect(verify(text, '127.0.1.12', 22, k1).status).toBe('unknown');
  });

  it('keeps port 22 and other ports apart ([host]:port)', () => {
    const text = `127.0.0.1 ${k1.type} ${k1.base64}\n[127.0.0.1]:2222 ${k2.type} ${k2.base64}\n`;
    expect(verify(text, '127.0.0.1', 22, k1)).toMatchObject({ status: 'match', line: 1 });
    expect(verify(text, '127.0.0.1', 2222, k2)).toMatchObject({ status: 'match', line: 2 });
    // The port-22 key is not the port-2222 key: same type, different blob → changed.
    expect(verify(text, '127.0.0.1', 2222, k1)).toMatchObject({ status: 'changed', line: 2 });
    expect(verify(text, '127.0.0.1', 2200, k1).status).toBe('unknown');
    expect(knownHostName('Host.Example', 2222)).toBe('[host.example]:2222');
  });

  it('matches hashed entries written by ssh-keygen -H, for port 22 and [host]:port', () => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `127.0.1.11 ${k1.type} ${k1.base64}\n[127.0.1.12]:2222 ${k2.type} ${k2.base64}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', file], { stdio: 'ignore' });
    const text = readFileSync(file, 'utf8');
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .every((l) => l.startsWith('|1|')),
    ).toBe(true);
    expect(verify(text, '127.0.1.11', 22, k1)).toMatchObject({ status: 'match', line: 1 });
    expect(verify(text, '127.0.1.12', 2222, k2)).toMatchObject({ status: 'match', line: 2 });
    expect(verify(text, '127.0.1.12', 22, k2).status).toBe('unknown');
    expect(verify(text, '127.0.1.11', 22, k2)).toMatchObject({ status: 'changed', line: 1 });
  });

  it('matches a hashed entry computed independently (HMAC-SHA1 of the name, keyed by the salt)', () => {
    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update('[127.0.0.5]:2200').digest();
    const text = `|1|${salt.toString('base64')}|${hash.toString('base64')} ${k1.type} ${k1.base64}\n`;
    expect(verify(text, '127.0.0.5', 2200, k1).status).toBe('match');
    expect(verify(text, '127.0.0.5', 22, k1).status).toBe('unknown');
  });

  it('refuses a key marked @revoked even when a plain line also lists it', () => {
    const text = `127.0.1.11 ${k1.type} ${k1.base64}\n@revoked 127.0.1.* ${k1.type} ${k1.base64}\n`;
    expect(verify(text, '127.0.1.11', 22, k1)).toMatchObject({ status: 'revoked', line: 2 });
    // A revocation for other hosts does not apply (ssh loads only the lines naming the host).
    expect(verify(text.replace('127.0.1.*', '10.*'), '127.0.1.11', 22, k1).status).toBe('match');
  });

  it('reports a different key of the same type as changed, with its line', () => {
    const text = `# header\n127.0.1.11 ${k1.type} ${k1.base64}\n`;
    expect(verify(text, '127.0.1.11', 22, k2)).toMatchObject({ status: 'changed', line: 2 });
  });

  it('reports a key of a type not yet known as unknown, listing the known types', () => {
    const text = `127.0.1.11 ${ecdsa.type} ${ecdsa.base64}\n`;
    expect(verify(text, '127.0.1.11', 22, k1)).toMatchObject({ status: 'unknown', knownKeyTypes: [ecdsa.type] });
  });

  it('honours wildcards and negated patterns', () => {
    const text = `*.lab,!bad.lab ${k1.type} ${k1.base64}\n127.0.1.? ${k2.type} ${k2.base64}\n`;
    expect(verify(text, 'hv1.lab', 22, k1).status).toBe('match');
    expect(verify(text, 'bad.lab', 22, k1).status).toBe('unknown');
    expect(verify(text, 'lab', 22, k1).status).toBe('unknown');
    expect(verify(text, '127.0.1.5', 22, k2).status).toBe('match');
    expect(verify(text, '127.0.1.15', 22, k2).status).toBe('unknown');
    // Regex metacharacters in a pattern are literal.
    expect(verify(`127.0.1.1+ ${k1.type} ${k1.base64}\n`, '127.0.1.11', 22, k1).status).toBe('unknown');
  });

  it('notes @cert-authority lines (unsupported) when they are the only match', () => {
    const text = `@cert-authority *.lab ${k2.type} ${k2.base64}\n`;
    expect(verify(text, 'hv1.lab', 22, k1)).toMatchObject({ status: 'unknown', certAuthorityLines: [1] });
  });
});

describe('fingerprintSha256', () => {
  it.each([
    ['ed25519 (ssh2)', k1],
    ['ecdsa (ssh-keygen)', ecdsa],
    ['rsa (ssh-keygen)', sshKeygenKey('rsa')],
  ])('equals ssh-keygen -lf for %s', (_name, key) => {
    const file = join(dir, 'key.pub');
    writeFileSync(file, `${key.publicLine}\n`);
    const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', file], { encoding: 'utf8' });
    expect(fingerprintSha256(key.blob)).toBe(printed.split(' ')[1]);
  });
});

describe('appendKnownHost', () => {
  it('creates a missing file 0600 (and its directory) with a [host]:port line ssh-keygen can find', async () => {
    const file = join(dir, 'sub', 'known_hosts');
    await appendKnownHost(file, { host: '127.0.0.1', port: 2222, keyType: k1.type, keyBlob: k1.blob });
    expect(readFileSync(file, 'utf8')).toBe(`[127.0.0.1]:2222 ${k1.type} ${k1.base64}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const found = execFileSync('ssh-keygen', ['-F', '[127.0.0.1]:2222', '-f', file], { encoding: 'utf8' });
    expect(found).toContain(k1.base64);
    expect((await readKnownHostsFile(file)).entries).toHaveLength(1);
  });

  it('only appends: existing bytes stay, a missing final newline is supplied, the mode is kept', async () => {
    const file = join(dir, 'known_hosts');
    const before = `# mine\n127.0.1.11 ${k2.type} ${k2.base64}`; // no trailing newline
    writeFileSync(file, before);
    chmodSync(file, 0o644);
    await appendKnownHost(file, { host: '127.0.1.12', port: 22, keyType: k1.type, keyBlob: k1.blob });
    expect(readFileSync(file, 'utf8')).toBe(`${before}\n${formatKnownHostsLine('127.0.1.12', 22, k1.type, k1.blob)}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o644);
  });

  it('serialises concurrent appends into whole lines', async () => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `127.0.1.1 ${k2.type} ${k2.base64}`);
    const ports = Array.from({ length: 12 }, (_, i) => 2200 + i);
    await Promise.all(ports.map((port) => appendKnownHost(file, { host: '127.0.0.1', port, keyType: k1.type, keyBlob: k1.blob })));
    const { entries, invalidLines } = await readKnownHostsFile(file);
    expect(invalidLines).toEqual([]);
    expect(entries).toHaveLength(13);
    for (const port of ports) expect(verifyHostKey(entries, '127.0.0.1', port, k1.type, k1.blob).status).toBe('match');
  });

  it('reads a missing file as empty', async () => {
    expect(await readKnownHostsFile(join(dir, 'none'))).toEqual({ entries: [], invalidLines: [] });
  });
});
