import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupStamp, compileStep } from '../../../src/runner/step-command.js';

// The write script runs under a real sh against a temp dir: atomic replace, backup, validation.
function runStep(step: Parameters<typeof compileStep>[0], now = new Date('2026-11-25T04:43:12.345Z')) {
  const compiled = compileStep(step, now);
  expect(compiled.command).toBe('sh -s');
  return spawnSync('sh', ['-s'], { input: compiled.stdin, encoding: 'utf8' });
}

describe('writeFile steps', () => {
  it('replaces the file atomically, keeps a timestamped backup, sets the mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'of-step-'));
    const path = join(dir, 'fstab');
    writeFileSync(path, 'old line\n');
    const content = "new line with 'quotes' and $(not-run) and `ticks`\n";
    const r = runStep({ describe: 'write', run: { writeFile: { path, content, mode: '0640' } } });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(content);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readFileSync(`${path}.ovirt-floppy-20261125T044312Z.bak`, 'utf8')).toBe('old line\n');
    expect(statSync(`${path}.ovirt-floppy-20261125T044312Z.bak`).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.startsWith('.ovirt-floppy'))).toEqual([]);
  });

  it('leaves the live file untouched and says what the validator said when validation fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'of-step-'));
    const path = join(dir, 'sshd_config');
    writeFileSync(path, 'live\n');
    const r = runStep({
      describe: 'write',
      run: {
        writeFile: {
          path,
          content: 'Bad line\n',
          mode: '0600',
          validate: ['sh', '-c', 'grep -q "^Good" "$1" || { echo "line 1: Bad configuration option"; exit 255; }', 'sh', '{}'],
        },
      },
    });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('line 1: Bad configuration option');
    expect(readFileSync(path, 'utf8')).toBe('live\n');
    expect(readdirSync(dir)).toEqual(['sshd_config']);
  });

  it('validates the candidate, not the live file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'of-step-'));
    const path = join(dir, 'conf');
    writeFileSync(path, 'Bad\n');
    const r = runStep({
      describe: 'write',
      run: { writeFile: { path, content: 'Good\n', mode: '0644', validate: ['grep', '-q', '^Good', '{}'] } },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('Good\n');
  });

  it('never leaves an executable backup of an executable file (vdsm runs every executable hook file)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'of-step-'));
    const path = join(dir, '50_floppy');
    writeFileSync(path, '#!/bin/sh\n', { mode: 0o755 });
    expect(runStep({ describe: 'write', run: { writeFile: { path, content: '#!/bin/sh\nexit 0\n', mode: '0755' } } }).status).toBe(0);
    const backups = readdirSync(dir).filter((f) => f.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    expect(statSync(join(dir, backups[0]!)).mode & 0o111).toBe(0);
  });

  it('creates a missing file without a backup', () => {
    const dir = mkdtempSync(join(tmpdir(), 'of-step-'));
    const path = join(dir, 'new.conf');
    expect(runStep({ describe: 'write', run: { writeFile: { path, content: 'x\n', mode: '0644' } } }).status).toBe(0);
    expect(readdirSync(dir)).toEqual(['new.conf']);
  });

  it('refuses a path with shell metacharacters before anything runs', () => {
    expect(() =>
      compileStep({ describe: 'w', run: { writeFile: { path: '/etc/x;rm -rf /', content: '', mode: '0644' } } }, new Date()),
    ).toThrow(/not a plain absolute path/);
  });
});

describe('argv and sh steps', () => {
  it('quotes argv through quote()', () => {
    expect(
      compileStep(
        { describe: 'd', run: { argv: ['engine-config', '-s', 'UserDefinedVMProperties=floppy=^.*$', '--cver=4.7'] } },
        new Date(),
      ).command,
    ).toBe("engine-config -s 'UserDefinedVMProperties=floppy=^.*$' --cver=4.7");
  });
  it('passes sh fragments as they are', () => {
    expect(compileStep({ describe: 'd', run: { sh: 'mount /srv/x && echo ok' } }, new Date()).command).toBe('mount /srv/x && echo ok');
  });
  it('stamps backups in UTC without separators', () => {
    expect(backupStamp(new Date('2026-01-02T03:04:05.678Z'))).toBe('20260102T030405Z');
  });
});
