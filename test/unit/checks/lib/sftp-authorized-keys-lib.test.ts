import { describe, expect, it } from 'vitest';
import { appendKeys, describeKey, missingKeys, parseKeyLine } from '../../../../checks/lib/sftp-authorized-keys.js';

const ED = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHn3vJ0o2fD1C4k1q1B0pJ6m0dC5m0x8yQmK3T2oWd1a upload@lab';

describe('authorized_keys lines', () => {
  it('compares by type and base64 only: options and comments do not matter', () => {
    const file = [
      '# comment',
      'restrict,command="internal-sftp -l INFO",from="10.0.0.0/8" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHn3vJ0o2fD1C4k1q1B0pJ6m0dC5m0x8yQmK3T2oWd1a someone else',
      '',
    ].join('\n');
    expect(missingKeys(file, [ED])).toEqual([]);
    expect(missingKeys('ssh-rsa AAAAB3NzaC1yc2E other\n', [ED])).toEqual([ED]);
  });

  it('knows sk- and cert key types; garbage lines are no key', () => {
    expect(parseKeyLine('sk-ssh-ed25519@openssh.com AAAAGnNr x')?.type).toBe('sk-ssh-ed25519@openssh.com');
    expect(parseKeyLine('ssh-ed25519-cert-v01@openssh.com AAAA x')?.type).toBe('ssh-ed25519-cert-v01@openssh.com');
    expect(parseKeyLine('hello world')).toBeUndefined();
  });

  it('a configured line that is not a public key is a config error, not silently ignored', () => {
    expect(() => missingKeys('', ['-----BEGIN OPENSSH PRIVATE KEY-----'])).toThrow(/not an OpenSSH public key/);
  });

  it('appends after existing content, adding a missing final newline; messages never show the whole key', () => {
    expect(appendKeys('a b', [ED])).toBe(`a b\n${ED}\n`);
    expect(appendKeys('', [ED])).toBe(`${ED}\n`);
    expect(describeKey(ED)).toBe('ssh-ed25519 …yQmK3T2oWd1a upload@lab');
  });
});
