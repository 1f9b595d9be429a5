/**
 * ssh2 1.17's generateKeyPairSync('ed25519') strips leading zero bytes from the 32-byte public key as if it were an
 * integer (node_modules/ssh2/lib/keygen.js, "Remove leading zero bytes"), so about one key in 256 comes out 31 bytes
 * long and ssh2's own parseKey rejects it ("Malformed OpenSSH public key"). That made the contract tests fail at
 * random (CI run of 00ecf15: "bad authorized key"). Generate again until both halves parse: the keys the tests use
 * are then ones OpenSSH would have produced.
 */
import ssh2 from 'ssh2';

type KeyPairOptions = Parameters<typeof ssh2.utils.generateKeyPairSync>[1];

export function generateEd25519KeyPair(options?: KeyPairOptions): { private: string; public: string } {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const pair = options ? ssh2.utils.generateKeyPairSync('ed25519', options) : ssh2.utils.generateKeyPairSync('ed25519');
    const passphrase = options && 'passphrase' in options ? options.passphrase : undefined;
    const parsedPublic = ssh2.utils.parseKey(pair.public);
    const parsedPrivate = ssh2.utils.parseKey(pair.private, passphrase);
    if (!(parsedPublic instanceof Error) && !(parsedPrivate instanceof Error)) return pair;
  }
  throw new Error('ssh2 produced 100 malformed ed25519 key pairs in a row');
}
