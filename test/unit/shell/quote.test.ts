/**
 * quote() proven by a real shell: every hostile argument must reach the program as exactly one argv word,
 * byte for byte. `printf '%s\0'` prints each argument NUL-terminated, so the split is exact.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UnsafeValueError } from '../../../src/errors.js';
import { quote, quoteArg } from '../../../src/shell/quote.js';

// A directory holding one file, so an unquoted `*` would visibly expand to it.
const cwd = mkdtempSync(join(tmpdir(), 'ofl-quote-'));
writeFileSync(join(cwd, 'expanded-glob'), '');
const marker = join(cwd, 'pwned');
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const HOSTILE = [
  'plain',
  'with space',
  '  leading and trailing  ',
  "it's",
  "''",
  "'",
  '"double"',
  `$(touch ${marker})`,
  `\`touch ${marker}\``,
  '$HOME',
  '${HOME}',
  'a\nb',
  'line\n',
  '\n',
  'tab\there',
  'x; touch pwned',
  'a && b || c | d > e < f',
  '*',
  '?',
  '[a-z]*',
  '{a,b}',
  '~',
  '~root',
  '-n',
  '-e',
  '--',
  '#comment',
  '!',
  '\\',
  '\\n',
  '%s',
  '',
  'ünïcødé ✓ 日本語 🚀',
  '\x01\x7f',
  'a=b',
];

function shells(): string[] {
  return ['sh', 'dash', 'bash'].filter((s) => {
    try {
      execFileSync('sh', ['-c', `command -v ${s}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
}

function argvThrough(shell: string, commandLine: string): string[] {
  const out = execFileSync(shell, ['-c', commandLine], { cwd, encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('quote()', () => {
  it.each(shells())('round-trips every hostile argument exactly through %s', (shell) => {
    expect(argvThrough(shell, `printf '%s\\0' ${quote(HOSTILE)}`)).toEqual(HOSTILE);
    expect(existsSync(marker)).toBe(false);
  });

  it.each(HOSTILE.map((a) => [JSON.stringify(a), a]))('keeps %s one word on its own', (_label, arg) => {
    expect(argvThrough('sh', `printf '%s\\0' ${quoteArg(arg)}`)).toEqual([arg]);
  });

  it('survives a second level of quoting (sudo -n sh -c <quoted command>)', () => {
    const inner = `printf '%s\\0' ${quote(HOSTILE)}`;
    expect(argvThrough('sh', quote(['sh', '-c', inner]))).toEqual(HOSTILE);
    expect(existsSync(marker)).toBe(false);
  });

  it('leaves plain words unquoted and quotes the empty string', () => {
    expect(quote(['ls', '-l', '/var/log/x.log'])).toBe('ls -l /var/log/x.log');
    expect(quoteArg('')).toBe("''");
  });

  it('refuses a NUL byte, which no shell word can carry', () => {
    expect(() => quoteArg('a\0b')).toThrow(UnsafeValueError);
  });
});
