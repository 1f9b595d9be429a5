import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { generateEd25519KeyPair } from '../../support/ed25519-keypair.js';

describe('generateEd25519KeyPair (works around ssh2 dropping leading zero bytes of the public key)', () => {
  it('every pair of 1500 parses, and the public blob holds 32 key bytes (raw ssh2 misses ~6 in 1500)', () => {
    for (let i = 0; i < 1500; i += 1) {
      const pair = generateEd25519KeyPair();
      const parsed = ssh2.utils.parseKey(pair.public);
      expect(parsed).not.toBeInstanceOf(Error);
      const blob = Buffer.from(pair.public.split(' ')[1] ?? '', 'base64');
      expect(blob.readUInt32BE(4 + 11)).toBe(32);
    }
  });

  it('an encrypted pair parses with its passphrase', () => {
    const pair = generateEd25519KeyPair({ passphrase: 'pw', cipher: 'aes256-ctr', rounds: 2 });
    expect(ssh2.utils.parseKey(pair.private, 'pw')).not.toBeInstanceOf(Error);
  });
});
