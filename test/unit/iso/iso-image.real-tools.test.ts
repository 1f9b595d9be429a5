/**
 * The ISO writer (src/iso) read back by real readers: isoinfo (genisoimage), xorriso and 7z (p7zip-full), each
 * file byte for byte, through the Joliet tree (the exact names) and the primary tree (8.3 names). CI installs
 * the three (.ci/run); a missing one fails the test instead of skipping it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { buildIsoImage } from '../../../src/iso/build.js';
import { writeIsoImage } from '../../../src/iso/write.js';
import { runImageCli } from '../../support/image-cli.js';

function tool(name: string, args: string[]): Buffer {
  const r = spawnSync(name, args, { maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${name} is not installed (apt-get install genisoimage xorriso p7zip-full): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${name} ${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  return r.stdout;
}

let dir: string;
let inputs: string[];
let iso: string;
const names = [
  'Autounattend.xml',
  'sysprep.inf',
  'empty.txt',
  'A name with spaces and several.dots.in.it.xml',
  'Sixty-four characters exactly - the Joliet limit for a name.xml1',
  'ÄÖÜ äöü ß é - unicode.txt',
  'big-three-sectors.bin',
  'UPPER.TXT',
  'Sixty chars - Mixed Case, spaces and several.dots.in.it.xml1',
];
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ovirt-floppy-iso-'));
  mkdirSync(path.join(dir, 'in'));
  for (let i = names.length; i < 50; i += 1) names.push(`file ${String(i).padStart(2, '0')} of fifty with a long name.dat`);
  inputs = names.map((name, i) => {
    const p = path.join(dir, 'in', name);
    const size = name === 'empty.txt' ? 0 : name.startsWith('big') ? 3 * 2048 + 5 : (i * 977) % 5000;
    // Random bytes: every value, runs of zeros and 0x20 included, so a reader that trims or pads would show.
    writeFileSync(p, randomBytes(size));
    utimesSync(p, new Date('2026-12-01T10:00:00Z'), new Date('2026-12-01T10:00:00Z'));
    return p;
  });
  iso = path.join(dir, 'payload.iso');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ISO 9660 + Joliet, read by real tools', () => {
  it('writes 50 files (long names, an empty one, a multi-sector one), mode 0600', async () => {
    expect(names[4]).toHaveLength(64);
    expect(names[8]).toHaveLength(60);
    const w = await writeIsoImage(iso, inputs, { label: 'payload_01' });
    expect(w.files).toHaveLength(50);
    expect(statSync(iso).mode & 0o777).toBe(0o600);
    expect(statSync(iso).size % 2048).toBe(0);
  });

  it('isoinfo: Joliet level 3, the label, and every file byte for byte through Joliet', () => {
    const info = tool('isoinfo', ['-d', '-i', iso]).toString();
    expect(info).toContain('Volume id: PAYLOAD_01');
    expect(info).toContain('Joliet with UCS level 3 found');
    // isoinfo converts Joliet names to a local 8-bit charset (-j knows no UTF-8), so a name outside ASCII cannot be
    // given to it on a UTF-8 command line; xorriso and 7z below read that one.
    for (const [i, name] of names.entries()) {
      if (/[^\x20-\x7e]/.test(name)) continue;
      expect(tool('isoinfo', ['-J', '-x', `/${name};1`, '-i', iso]).equals(readFileSync(inputs[i]!)), name).toBe(true);
    }
    expect(tool('isoinfo', ['-J', '-j', 'iso8859-1', '-l', '-i', iso]).toString('latin1')).toContain('ÄÖÜ äöü ß é - unicode.txt;1');
  });

  it('isoinfo without Joliet: 8.3 primary names, unique, and the same bytes', () => {
    const listing = tool('isoinfo', ['-l', '-i', iso]).toString();
    const primary = [...listing.matchAll(/\]\s+(\S+;1)\s*$/gm)].map((m) => m[1]);
    expect(primary).toHaveLength(50);
    expect(new Set(primary).size).toBe(50);
    expect(primary).toContain('AUTOUNAT.XML;1');
    for (const p of primary) expect(p).toMatch(/^[A-Z0-9_]{1,8}\.[A-Z0-9_]{0,3};1$/);
    expect(tool('isoinfo', ['-x', '/AUTOUNAT.XML;1', '-i', iso]).equals(readFileSync(inputs[0]!))).toBe(true);
  });

  it('xorriso extracts the same 50 files', () => {
    const out = path.join(dir, 'xorriso');
    tool('xorriso', ['-indev', iso, '-osirrox', 'on', '-extract', '/', out]);
    expect(readdirSync(out).sort()).toEqual([...names].sort());
    for (const [i, name] of names.entries()) expect(readFileSync(path.join(out, name)).equals(readFileSync(inputs[i]!)), name).toBe(true);
  });

  it('7z extracts the same 50 files', () => {
    const out = path.join(dir, '7z');
    tool('7z', ['x', `-o${out}`, iso]);
    expect(readdirSync(out).sort()).toEqual([...names].sort());
    for (const [i, name] of names.entries()) expect(readFileSync(path.join(out, name)).equals(readFileSync(inputs[i]!)), name).toBe(true);
  });

  it('deterministic: the same files give the same bytes (the volume date is the newest mtime)', async () => {
    const again = path.join(dir, 'again.iso');
    await writeIsoImage(again, inputs, { label: 'payload_01' });
    expect(readFileSync(again).equals(readFileSync(iso))).toBe(true);
    const files = [{ name: 'a.xml', data: Buffer.from('x') }];
    const now = new Date('2026-01-02T03:04:05Z');
    expect(buildIsoImage(files, { now }).image.equals(buildIsoImage(files, { now }).image)).toBe(true);
  });
});

describe('ISO input problems: one exit-2 error listing every one', () => {
  it('a 65-character name, a forbidden character, a case-only duplicate and a bad label, all at once', () => {
    const long = `${'x'.repeat(61)}.xml`;
    const files = ['a.xml', 'A.XML', long, 'what?.txt'].map((name) => ({ name, data: Buffer.from('1') }));
    let error: unknown;
    try {
      buildIsoImage(files, { now: new Date(0), label: 'bad label!' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      [
        'cannot build the ISO image (4 problems):',
        '  - "A.XML": the same name as "a.xml" (names are compared without case)',
        `  - "${long}": is 65 characters long; Joliet names hold at most 64 (it would be cut, and Windows Setup would not find it)`,
        `  - "what?.txt": contains '?'; Joliet names cannot hold any of * / : ; ? \\`,
        '  - label "bad label!": only letters, digits and "_" (ISO 9660 d-characters)',
      ].join('\n'),
    );
  });
});

describe('ovirt-floppy image: ISO by extension or --format', () => {
  const run = runImageCli;
  const kind = (file: string) => execFileSync('file', ['-b', file]).toString();

  it('OUT.iso → ISO; --format iso with another extension → ISO; --format floppy with .iso → floppy', async () => {
    const answer = path.join(dir, 'Autounattend.xml');
    writeFileSync(answer, '<unattend/>\r\n');
    const a = await run(['image', path.join(dir, 'vm01.iso'), answer]);
    expect(a.error).toBeUndefined();
    expect(a.code).toBe(0);
    expect(a.lines[0]).toMatch(/^wrote .*vm01\.iso: ISO 9660 \+ Joliet \(\d[\d,]* bytes\), label PAYLOAD, mode 0600/);
    expect(a.lines.slice(1)).toEqual([`  ${'AUTOUNAT.XML;1'.padEnd(14)}  ${'13'.padStart(9)}  Autounattend.xml`, '  1 file']);
    expect(kind(path.join(dir, 'vm01.iso'))).toMatch(/ISO 9660/);
    expect((await run(['image', path.join(dir, 'vm02.bin'), answer, '--format', 'iso'])).code).toBe(0);
    expect(kind(path.join(dir, 'vm02.bin'))).toMatch(/ISO 9660/);
    expect((await run(['image', path.join(dir, 'vm03.iso'), answer, '--format', 'floppy'])).code).toBe(0);
    expect(kind(path.join(dir, 'vm03.iso'))).toMatch(/FAT \(12 bit\)/);
  });
});
