/**
 * The fstab validation script, run for real with this machine's findmnt (util-linux 2.38), and with stand-ins
 * first on PATH for the two findmnts it must not trust: one whose output has no readable summary (must fail
 * closed) and EL7's util-linux 2.23, whose findmnt has no --verify (field-count fallback).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fstabValidateArgv } from '../../../../checks/lib/fstab-validate.js';

const dir = mkdtempSync(join(tmpdir(), 'ofl-fstab-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function standIn(name: string, script: string): string {
  const bin = join(dir, name);
  mkdirSync(bin);
  writeFileSync(join(bin, 'findmnt'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(bin, 'findmnt'), 0o755);
  return bin;
}

function validate(candidate: string, live: string, pathPrefix?: string) {
  const argv = fstabValidateArgv(live).map((a) => (a === '{}' ? candidate : a));
  const env = { ...process.env, PATH: pathPrefix ? `${pathPrefix}:${process.env.PATH}` : process.env.PATH, LANG: 'de_DE.UTF-8' };
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const LIVE = file('live', 'proc /proc proc defaults 0 0\n');
const OURS = `proc /proc proc defaults 0 0\n${dir} /tmp none bind,nofail 0 0\n`;

describe('fstabValidateArgv', () => {
  it('accepts a clean candidate (real findmnt)', () => {
    expect(validate(file('good', `proc /proc proc defaults 0 0\n${dir} /tmp none bind,nofail 0 0\n`), LIVE)).toMatchObject({ code: 0 });
  });

  it('refuses a candidate with a new parse error, quoting findmnt (real findmnt)', () => {
    const r = validate(file('bad', 'proc /proc proc defaults 0 0\nbadline\n'), LIVE);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/candidate has 1 parse errors, 0 errors \(live fstab: 0, 0\):.*parse error at line 2/);
  });

  it('fails closed when findmnt --verify prints no summary it can read', () => {
    // A findmnt that knows --verify but answers in a language (or a crash) the script cannot read.
    const bin = standIn(
      'garbled',
      'case "$1" in --help) echo "     --verify   verify mount table content";; *) echo "Speicherzugriffsfehler" >&2; exit 139;; esac',
    );
    const r = validate(file('ok2', OURS), LIVE, bin);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/cannot read the summary of findmnt --verify .*: Speicherzugriffsfehler/);
  });

  it('without --verify (util-linux < 2.29, EL7): refuses a candidate with more unparseable lines, says so', () => {
    const bin = standIn('el7', 'echo " -V, --version  output version information and exit"');
    const bad = validate(file('el7bad', 'proc /proc proc defaults 0 0\nnot a line\n'), LIVE, bin);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/1 unparseable lines \(live fstab: 0\)/);
    const good = validate(file('el7good', `proc /proc proc defaults 0 0\n# comment\n\n${dir} /tmp none bind,nofail 0 0\n`), LIVE, bin);
    expect(good).toMatchObject({ code: 0 });
    expect(good.err).toMatch(/checked by field count only/);
  });
});
