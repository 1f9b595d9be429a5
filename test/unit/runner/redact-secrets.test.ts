import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactDeep, redactText } from '../../../src/runner/redact-secrets.js';
import { unifiedDiff } from '../../../src/runner/unified-diff.js';

const CIFS = '//nas.example.com/share /mnt/nas cifs username=backup,password=S3cr3t!x,vers=3.0 0 0';

describe('redactText', () => {
  it('redacts fstab password= options, keeping the key and the other options', () => {
    expect(redactText(CIFS)).toBe('//nas.example.com/share /mnt/nas cifs username=backup,password=<redacted>,vers=3.0 0 0');
    expect(redactText('x /m cifs pass=abc,credentials=/root/.smb 0 0')).toBe('x /m cifs pass=<redacted>,credentials=/root/.smb 0 0');
  });

  it('redacts ini/env style secrets, quoted values and URL user info', () => {
    expect(redactText('ENGINE_DB_PASSWORD="a b c"')).toBe('ENGINE_DB_PASSWORD=<redacted>');
    expect(redactText('client_secret = xyz')).toBe('client_secret = <redacted>');
    expect(redactText('url https://admin:hunter2@engine/api')).toBe('url https://admin:<redacted>@engine/api');
  });

  it('leaves sshd keywords and ordinary text alone', () => {
    for (const s of ['PasswordAuthentication no', 'Match User sftp-floppy-upload', 'the upload user has no password'])
      expect(redactText(s)).toBe(s);
  });

  it('a diff whose context line holds the secret carries no secret', () => {
    const before = `proc /proc proc defaults 0 0\n${CIFS}\n`;
    const diff = unifiedDiff(before, `${before}/a /b none bind,nofail 0 0\n`, '/etc/fstab');
    expect(diff).toContain('S3cr3t!x');
    expect(JSON.stringify(redactDeep({ changes: [{ diff }] }))).not.toContain('S3cr3t');
  });

  it('property: a password= value inside any surrounding text never survives', () => {
    const value = fc.stringMatching(/^[A-Za-z0-9!%*+\-.\/@^_~]{6,20}$/);
    const text = fc.string({ maxLength: 40 }).map((s) => s.replace(/[=,\s]/g, ' '));
    fc.assert(
      fc.property(
        text,
        value,
        text,
        (a, secret, b) => !redactText(`${a} opts=rw,password=${secret},x ${b}`).includes(`password=${secret}`),
      ),
    );
  });
});
