// The `image` command module as main.ts registers it, driven through a real yargs parser.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { parseMdir, parseMdirBare, runTool } from './fat-tools.js';
import { makeImageCommand } from '../../../src/cli/commands/image.js';
import { runImageCli } from '../../support/image-cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ovirt-floppy-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = runImageCli;

function input(name: string, content: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('ovirt-floppy image', () => {
  it('exports the command shape main.ts registers', () => {
    const imageCommand = makeImageCommand({ print: () => {}, finish: () => {} });
    expect(imageCommand.command).toBe('image <out> <files..>');
    expect(typeof imageCommand.describe).toBe('string');
    expect(typeof imageCommand.builder).toBe('function');
  });

  it('writes the image, prints what it holds, exit code 0', async () => {
    const out = path.join(dir, 'vm01.vfd');
    const r = await run(['image', out, input('Autounattend.xml', '<a/>'), input('SYSPREP.INF', '[x]'), '--label', 'vm01']);
    expect(r.error).toBeUndefined();
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([
      `wrote ${out}: 1.44 MB FAT12 floppy, label VM01, mode 0600 (answer files often hold secrets)`,
      '  AUTOUN~1.XML          4  Autounattend.xml',
      '  SYSPREP.INF           3',
      '  2 files, 1,456,640 bytes free',
    ]);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(parseMdirBare(runTool('mdir', ['-a', '-b', '-i', out, '::']).stdout)).toEqual(['Autounattend.xml', 'SYSPREP.INF']);
    expect(parseMdir(runTool('mdir', ['-i', out, '::']).stdout).label).toBe('VM01');
  });

  it('-L is the short form of --label; a numeric-looking out path stays a path', async () => {
    // Without an extension the format must be given (src/cli/commands/image.ts imageFormatFor).
    const r = await run(['image', path.join(dir, '0123'), input('a.txt', 'a'), '-L', 'x', '--format', 'floppy']);
    expect(r.error).toBeUndefined();
    expect(r.lines[0]).toContain(`${path.join(dir, '0123')}: 1.44 MB FAT12 floppy, label X`);
  });

  it('bad input: one UsageError (exit 2) listing every problem, no exit code set, no file written', async () => {
    const out = path.join(dir, 'bad.vfd');
    const r = await run([
      'image',
      out,
      path.join(dir, 'missing.xml'),
      input('Unattend.xml', '<a/>'),
      input('unattend.XML.', 'b'),
      '--label',
      'this label is long',
    ]);
    expect(r.code).toBeUndefined();
    expect(r.error).toBeInstanceOf(UsageError);
    expect((r.error as UsageError).exitCode).toBe(2);
    const msg = (r.error as Error).message;
    expect(msg.split('\n')[0]).toBe('cannot build the floppy image (3 problems):');
    expect(msg).toContain('missing.xml: cannot read: no such file');
    expect(msg).toContain('label "this label is long": is 18 characters long');
    expect(msg).toMatch(/"unattend\.XML\." \(from .*\): ends with a dot or a space/);
    expect(() => statSync(out)).toThrow();
  });

  it('needs at least one file (yargs rejects the command line)', async () => {
    const r = await run(['image', path.join(dir, 'x.vfd')]);
    expect(r.error).toBeInstanceOf(Error);
    expect((r.error as Error).message).toMatch(/Not enough non-option arguments/);
  });
});
