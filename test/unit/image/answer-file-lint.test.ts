// Answer-file lint (issue #16 item 5): well-formedness, secret-bearing element names (never values), PlainText.
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yargs from 'yargs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeImageCommand } from '../../../src/cli/commands/image.js';
import { decideExitCode } from '../../../src/result/exit-code.js';
import { describeLint, lintAnswerFile } from '../../../src/image/answer-file-lint.js';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures/answer-files');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

describe('lintAnswerFile', () => {
  it('names the secret-bearing elements of an unattend file and counts PlainText true', () => {
    const lint = lintAnswerFile('Autounattend.xml', fixture('Autounattend.xml'));
    expect(lint).toEqual({
      kind: 'xml',
      file: 'Autounattend.xml',
      secrets: ['AdministratorPassword', 'AutoLogon', 'Credentials', 'Password', 'ProductKey'],
      plainTextCount: 1,
    });
    const note = describeLint(lint) ?? '';
    expect(note).toContain('AdministratorPassword, AutoLogon, Credentials, Password, ProductKey');
    expect(note).toContain('1 password is stored as clear text (PlainText true)');
    for (const secret of ['dummy-admin-secret', 'dummy-join-secret', 'DUMMY-KEYVA', 'ZAB1AG0A']) expect(note).not.toContain(secret);
  });

  it('passes a file without secrets silently', () => {
    const lint = lintAnswerFile(
      'Unattend.xml',
      '<unattend><settings pass="specialize"><ComputerName>vm01</ComputerName></settings></unattend>',
    );
    expect(lint).toEqual({ kind: 'xml', file: 'Unattend.xml', secrets: [], plainTextCount: 0 });
    expect(describeLint(lint)).toBeUndefined();
  });

  it('lets sysprep.inf (INI, not XML) pass as it is, even with secrets in it', () => {
    expect(lintAnswerFile('sysprep.inf', fixture('sysprep.inf'))).toEqual({ kind: 'not-xml', file: 'sysprep.inf' });
  });

  it('treats content that starts like XML as XML whatever its name', () => {
    expect(lintAnswerFile('answer.txt', '\uFEFF<?xml version="1.0"?><a><Password>x</Password></a>')).toMatchObject({
      kind: 'xml',
      secrets: ['Password'],
    });
  });

  it('reports malformed XML with line and column', () => {
    expect(lintAnswerFile('broken.xml', fixture('broken.xml'))).toMatchObject({
      kind: 'malformed',
      file: 'broken.xml',
      line: 5,
      column: 3,
    });
  });
});

describe('image command with answer files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ovirt-floppy-lint-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[]) {
    const lines: string[] = [];
    let code: number | undefined;
    let error: unknown;
    const cmd = makeImageCommand({ print: (l) => lines.push(l), finish: (outcome) => (code = decideExitCode(outcome)) });
    try {
      await yargs().command(cmd).strict().fail(false).exitProcess(false).parseAsync(args);
    } catch (e) {
      error = e;
    }
    return { lines, code, error };
  }

  it('prints the note after the image listing; --quiet silences it', async () => {
    const file = path.join(FIXTURES, 'Autounattend.xml');
    const loud = await run(['image', path.join(dir, 'a.vfd'), file]);
    expect(loud.code).toBe(0);
    expect(loud.lines.at(-1)).toMatch(new RegExp(`^note: ${file}: holds secrets in AdministratorPassword, .*PlainText true`));
    const quiet = await run(['image', path.join(dir, 'b.vfd'), file, '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.lines.some((l) => l.startsWith('note:'))).toBe(false);
  });

  it('refuses malformed XML with exit 2 naming file, line and column, and writes no image', async () => {
    const file = path.join(dir, 'Autounattend.xml');
    writeFileSync(file, readFileSync(path.join(FIXTURES, 'broken.xml')));
    const out = path.join(dir, 'c.vfd');
    const r = await run(['image', out, file, '--quiet']);
    expect((r.error as { exitCode?: number }).exitCode).toBe(2);
    expect((r.error as Error).message).toMatch(new RegExp(`^${file}:5:3: not well-formed XML: `));
    expect(() => readFileSync(out)).toThrow();
  });
});
