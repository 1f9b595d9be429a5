/**
 * Key material for the SSH unit tests, generated per run (never checked in): ssh2's generator for ed25519 and
 * ssh-keygen for the other types, so the parsers meet keys produced by OpenSSH itself.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEd25519KeyPair } from '../../support/ed25519-keypair.js';

export interface TestKey {
  /** `type base64 [comment]` as in a .pub file */
  publicLine: string;
  type: string;
  blob: Buffer;
  base64: string;
}

export function publicKeyFromLine(line: string): TestKey {
  const [type, base64] = line.trim().split(/\s+/);
  if (!type || !base64) throw new Error(`not a public key line: ${line}`);
  return { publicLine: line.trim(), type, base64, blob: Buffer.from(base64, 'base64') };
}

export function ed25519Key(): TestKey {
  return publicKeyFromLine(generateEd25519KeyPair().public);
}

/** A key made by ssh-keygen (`-t ecdsa`, `-t rsa`, ...). */
export function sshKeygenKey(type: 'ecdsa' | 'rsa' | 'ed25519'): TestKey {
  const dir = mkdtempSync(join(tmpdir(), 'ofl-key-'));
  try {
    const file = join(dir, 'key');
    execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', 'test', '-f', file]);
    return publicKeyFromLine(readFileSync(`${file}.pub`, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
