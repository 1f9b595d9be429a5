// `ovirt-floppy image` choosing ISO or floppy, driven through a real yargs parser as main.ts registers it.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imageFormatFor } from '../../../src/cli/commands/image.js';
import { UsageError } from '../../../src/errors.js';
import { IMAGE_BYTES } from '../../../src/image/geometry.js';
import { runImageCli } from '../../support/image-cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ovirt-floppy-iso-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = runImageCli;

function input(name: string, content: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

const isIso = (p: string) =>
  readFileSync(p)
    .subarray(16 * 2048 + 1, 16 * 2048 + 6)
    .toString('latin1') === 'CD001';
const isFloppy = (p: string) => statSync(p).size === IMAGE_BYTES && readFileSync(p).readUInt16LE(510) === 0xaa55;

describe('imageFormatFor', () => {
  it('--format wins; else .iso is an ISO and .vfd .img .flp a floppy, in any case', () => {
    expect(imageFormatFor('a.vfd', 'iso')).toBe('iso');
    expect(imageFormatFor('a.iso', 'floppy')).toBe('floppy');
    expect(imageFormatFor('a.bin', 'iso')).toBe('iso');
    expect(['x.ISO', 'x.vfd', 'x.IMG', 'x.flp'].map((f) => imageFormatFor(f, undefined))).toEqual(['iso', 'floppy', 'floppy', 'floppy']);
  });

  it('any other extension, or none, is a usage error listing the accepted ones', () => {
    expect(() => imageFormatFor('vm01.bin', undefined)).toThrow(UsageError);
    expect(() => imageFormatFor('vm01.bin', undefined)).toThrow(
      'cannot choose the image format (1 problem):\n' +
        '  - vm01.bin: ends in ".bin"; name it .iso (iso), .vfd (floppy), .img (floppy), .flp (floppy) or give --format iso|floppy',
    );
    expect(() => imageFormatFor('dir.iso/vm01', undefined)).toThrow(/vm01: has no extension; name it \.iso \(iso\)/);
  });
});

describe('ovirt-floppy image: ISO by extension or --format', () => {
  it('OUT.iso → ISO 9660 + Joliet, listing primary names, sizes and exact names; mode 0600', async () => {
    const out = path.join(dir, 'vm01.iso');
    const r = await run(['image', out, input('Autounattend.xml', '<a/>'), input('unattend data.txt', 'xyz'), '--label', 'vm01']);
    expect(r.error).toBeUndefined();
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([
      `wrote ${out}: ISO 9660 + Joliet (55,296 bytes), label VM01, mode 0600 (answer files often hold secrets)`,
      '  AUTOUNAT.XML;1          4  Autounattend.xml',
      '  UNATTEND.TXT;1          3  unattend data.txt',
      '  2 files',
    ]);
    expect(isIso(out)).toBe(true);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('--format iso with another extension; --format floppy with .iso; .img and .flp are floppies', async () => {
    const a = input('a.txt', 'a');
    for (const [name, extra, check] of [
      ['vm02.bin', ['--format', 'iso'], isIso],
      ['vm03.iso', ['-f', 'floppy'], isFloppy],
      ['vm04.img', [], isFloppy],
      ['vm05.FLP', [], isFloppy],
      ['vm06.vfd', ['--format', 'iso'], isIso],
    ] as const) {
      const r = await run(['image', path.join(dir, name), a, ...extra]);
      expect(r.error, name).toBeUndefined();
      expect(r.code, name).toBe(0);
      expect(check(path.join(dir, name)), name).toBe(true);
    }
  });

  it('an unknown extension without --format: exit 2 listing the accepted ones, nothing written', async () => {
    const out = path.join(dir, 'vm01.bin');
    const r = await run(['image', out, input('a.txt', 'a')]);
    expect(r.code).toBeUndefined();
    expect(r.error).toBeInstanceOf(UsageError);
    expect((r.error as UsageError).exitCode).toBe(2);
    expect((r.error as Error).message).toContain('.iso (iso), .vfd (floppy), .img (floppy), .flp (floppy) or give --format iso|floppy');
    expect(() => statSync(out)).toThrow();
  });

  it('an unknown --format is refused by the parser', async () => {
    const r = await run(['image', path.join(dir, 'x.iso'), input('a.txt', 'a'), '--format', 'udf']);
    expect((r.error as Error).message).toMatch(/Invalid values:[\s\S]*format/);
  });

  it('ISO problems: one exit-2 error naming a 65-character name and its length; 64 works', async () => {
    const long = input(`${'x'.repeat(61)}.xml`, '<a/>');
    const r = await run(['image', path.join(dir, 'bad.iso'), long, input('b?.txt', 'b'), '--label', 'no spaces']);
    expect((r.error as UsageError).exitCode).toBe(2);
    expect((r.error as Error).message).toBe(
      [
        'cannot build the ISO image (3 problems):',
        `  - "${path.basename(long)}": is 65 characters long; Joliet names hold at most 64 ` +
          '(it would be cut, and Windows Setup would not find it)',
        `  - "b?.txt": contains '?'; Joliet names cannot hold any of * / : ; ? \\`,
        '  - label "no spaces": only letters, digits and "_" (ISO 9660 d-characters)',
      ].join('\n'),
    );
    const ok = await run(['image', path.join(dir, 'ok.iso'), input(`${'y'.repeat(60)}.xml`, '<y/>')]);
    expect(ok.code).toBe(0);
    expect(ok.lines[1]).toBe(`  YYYYYYYY.XML;1          4  ${'y'.repeat(60)}.xml`);
  });
});
