import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { isoVolumeDate, sourceDateEpochProblem, writeIsoImage } from '../../../src/iso/write.js';
import { readVolume } from './iso-read.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ovirt-floppy-iso-write-'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Buffer, mtime = new Date('2026-11-30T08:00:00.750Z')): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  utimesSync(p, mtime, mtime);
  return p;
}

async function usageError(p: Promise<unknown>): Promise<UsageError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  return err as UsageError;
}

/** The volume creation date as the primary descriptor spells it (ECMA-119 8.4.26.1). */
const creation = (iso: string) =>
  readFileSync(iso)
    .subarray(16 * 2048 + 813, 16 * 2048 + 829)
    .toString('latin1');

describe('isoVolumeDate', () => {
  it('the newest mtime in whole seconds; SOURCE_DATE_EPOCH wins when set', () => {
    const mtimes = [new Date('2026-01-01T00:00:00.900Z'), new Date('2026-03-01T00:00:00.400Z')];
    expect(isoVolumeDate(mtimes, {}).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(isoVolumeDate(mtimes, { SOURCE_DATE_EPOCH: '86400' }).toISOString()).toBe('1970-01-02T00:00:00.000Z');
    expect(isoVolumeDate([], {}).getTime()).toBe(0);
  });

  it('a malformed or unrecordable SOURCE_DATE_EPOCH is a problem', () => {
    expect(sourceDateEpochProblem('1700000000')).toBeUndefined();
    expect(sourceDateEpochProblem('yesterday')).toBe('SOURCE_DATE_EPOCH "yesterday": not a number of seconds since 1970');
    expect(sourceDateEpochProblem('99999999999')).toMatch(/^SOURCE_DATE_EPOCH 99999999999: .*ISO 9660 dates run from 1900 to 2155$/);
  });
});

describe('writeIsoImage', () => {
  it('writes a 0600 image atomically over an old one, with the newest mtime as the volume date', async () => {
    const out = path.join(dir, 'vm01.iso');
    writeFileSync(out, 'old image');
    chmodSync(out, 0o644);
    const w = await writeIsoImage(out, [file('Autounattend.xml', '<a/>'), file('b.txt', 'b', new Date('2026-12-01T09:08:07Z'))], {
      label: 'vm01',
    });
    expect(w).toMatchObject({ path: out, label: 'VM01' });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out).equals(w.image)).toBe(true);
    expect(readVolume(w.image, 16).volumeId).toBe('VM01');
    expect(creation(out)).toBe('2026120109080700');
    expect(readdirSync(dir).sort()).toEqual(['Autounattend.xml', 'b.txt', 'vm01.iso']);
  });

  it('is deterministic: the same files give the same bytes; SOURCE_DATE_EPOCH pins the date', async () => {
    const inputs = [file('a.xml', Buffer.alloc(5000, 7)), file('empty', '')];
    const a = await writeIsoImage(path.join(dir, 'a.iso'), inputs);
    const b = await writeIsoImage(path.join(dir, 'b.iso'), inputs);
    expect(readFileSync(path.join(dir, 'a.iso')).equals(readFileSync(path.join(dir, 'b.iso')))).toBe(true);
    expect(a.image.equals(b.image)).toBe(true);
    vi.stubEnv('SOURCE_DATE_EPOCH', '1700000000');
    await writeIsoImage(path.join(dir, 'c.iso'), inputs);
    expect(creation(path.join(dir, 'c.iso'))).toBe('2023111422132000');
  });

  it('a 64-character name works; 65 is refused naming the file and its length', async () => {
    const ok = `${'y'.repeat(60)}.xml`;
    const w = await writeIsoImage(path.join(dir, 'ok.iso'), [file(ok, 'x')]);
    expect(w.files.map((f) => f.name)).toEqual([ok]);
    const long = `${'x'.repeat(61)}.xml`;
    const err = await usageError(writeIsoImage(path.join(dir, 'long.iso'), [file(long, 'x')]));
    expect(err.message).toContain(`"${long}": is 65 characters long; Joliet names hold at most 64`);
  });

  it('every problem at once: missing and directory inputs, names, duplicates, label, SOURCE_DATE_EPOCH; nothing written', async () => {
    vi.stubEnv('SOURCE_DATE_EPOCH', 'now');
    mkdirSync(path.join(dir, 'adir'));
    mkdirSync(path.join(dir, 'other'));
    const dup = path.join(dir, 'other', 'A.XML');
    writeFileSync(dup, 'x');
    const out = path.join(dir, 'bad.iso');
    const err = await usageError(
      writeIsoImage(out, [path.join(dir, 'missing.xml'), path.join(dir, 'adir'), file('a.xml', '1'), dup, file('what?.txt', '2')], {
        label: 'x'.repeat(17),
      }),
    );
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe(
      [
        'cannot build the ISO image (6 problems):',
        '  - SOURCE_DATE_EPOCH "now": not a number of seconds since 1970',
        `  - ${path.join(dir, 'missing.xml')}: cannot read: no such file`,
        `  - ${path.join(dir, 'adir')}: not a regular file (a directory)`,
        '  - "A.XML": the same name as "a.xml" (names are compared without case)',
        `  - "what?.txt": contains '?'; Joliet names cannot hold any of * / : ; ? \\`,
        `  - label "${'x'.repeat(17)}": 17 characters; at most 16 (the Joliet volume identifier)`,
      ].join('\n'),
    );
    expect(() => statSync(out)).toThrow();
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable input is a problem, not a crash', async () => {
    const secret = file('secret.xml', 'x');
    chmodSync(secret, 0o000);
    const err = await usageError(writeIsoImage(path.join(dir, 'x.iso'), [secret]));
    expect(err.message).toContain(`${secret}: cannot read: permission denied`);
  });

  it('the output must not be a directory nor one of the inputs', async () => {
    const self = file('self.iso', 'x');
    const err = await usageError(writeIsoImage(self, [self]));
    expect(err.message).toContain(`${self}: is also the output image`);
    mkdirSync(path.join(dir, 'out.iso'));
    const err2 = await usageError(writeIsoImage(path.join(dir, 'out.iso'), [file('a', 'a')]));
    expect(err2.message).toContain('exists and is not a regular file');
  });
});
