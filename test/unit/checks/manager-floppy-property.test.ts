/**
 * manager-floppy-property against engine-config output captured from the lab's engine-config stand-in (which copies
 * EngineConfigLogic's format, facts §1.2): test/fixtures/outputs/manager-floppy-property/source.txt.
 * The last block runs the planned write scripts for real against that stand-in (needs python3), proving the
 * guard (refuse a changed value), the set and the read-back.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../../checks/manager-floppy-property.js';
import { planPropertyWrite } from '../../../checks/lib/engine-config.js';
import { parseRestartMarker, restartMarkerCommand } from '../../../checks/lib/engine-restart-marker.js';
import { ParseError } from '../../../src/errors.js';
import { commandOf, makeContext, probeWithFake, type DeepPartial } from '../../support/check-harness.js';
import type { Config } from '../../../src/config/types.js';
import { fixture, preflight } from './lib/fixtures.js';

const ID = 'manager-floppy-property';
const HOSTUSB = 'hostusb=^0x[0-9a-fA-F]{4}:0x[0-9a-fA-F]{4}$';
const managerContext = (config?: DeepPartial<Config>) =>
  makeContext({
    host: { name: 'mgr', role: 'manager', address: '127.0.1.10' },
    facts: { engineVersion: '4.5.6-1.el8', vdsmVersion: undefined },
    config,
  });
// The floppy-only cases: payload floppy defines floppy alone (the fixtures were captured from a floppy-only apply).
const ctx = managerContext({ payload: 'floppy' });
const R = ctx.config.floppy.propertyRegex;
const F = `floppy=${R}`;
const C = `floppycd=${ctx.config.floppy.cdPropertyRegex}`;

describe('manager-floppy-property', () => {
  it('probes with one engine-config -g run, under timeout (manager.engineConfigTimeout) and a UTF-8 locale', () => {
    expect(commandOf(check.probe(ctx).stored)).toBe(
      "L=en_US.UTF-8; locale -a 2>/dev/null | grep -qix 'c\\.utf-\\{0,1\\}8' && L=C.UTF-8; LC_ALL=$L timeout -k 5 30 engine-config -g UserDefinedVMProperties",
    );
    const short = managerContext({ manager: { engineConfigTimeout: 7 } });
    expect(commandOf(check.probe(short).stored)).toContain('timeout -k 5 7 engine-config -g');
  });

  it('lab stock: a finding per level (unsorted rows come out sorted), hostusb kept byte for byte, 4.6 ^.*$ replaced', async () => {
    const o = await probeWithFake(check, ctx, fixture(ID, 'lab-stock'));
    expect(check.compare(o, ctx)).toEqual([
      { code: 'floppy-missing', message: `level 4.2: floppy is not defined; add ${F}`, expected: F, actual: '' },
      { code: 'floppy-missing', message: `level 4.3: floppy is not defined; add ${F}`, expected: `${HOSTUSB};${F}`, actual: HOSTUSB },
      { code: 'floppy-missing', message: `level 4.4: floppy is not defined; add ${F}`, expected: F, actual: '' },
      { code: 'floppy-missing', message: `level 4.5: floppy is not defined; add ${F}`, expected: `${HOSTUSB};${F}`, actual: HOSTUSB },
      {
        code: 'floppy-differs',
        message: `level 4.6: floppy regex ^.*$ → ${R}`,
        expected: `${HOSTUSB};${F}`,
        actual: `${HOSTUSB};floppy=^.*$`,
      },
      { code: 'floppy-missing', message: `level 4.7: floppy is not defined; add ${F}`, expected: F, actual: '' },
    ]);
    const steps = check.fix!(o, ctx);
    expect(steps.map((s) => s.describe)).toEqual([
      `set UserDefinedVMProperties for level 4.2: add ${F}`,
      `set UserDefinedVMProperties for level 4.3: add ${F}`,
      `set UserDefinedVMProperties for level 4.4: add ${F}`,
      `set UserDefinedVMProperties for level 4.5: add ${F}`,
      `set UserDefinedVMProperties for level 4.6: replace floppy=^.*$ with ${F}`,
      `set UserDefinedVMProperties for level 4.7: add ${F}`,
    ]);
    // Three runs of engine-config, each up to manager.engineConfigTimeout (30) + the 5 s kill grace, and a margin.
    expect(steps.every((s) => s.notify === 'restart-engine' && s.timeout === 3 * 35 + 30)).toBe(true);
    expect(steps[4]!.run).toEqual(planPropertyWrite('4.6', `${HOSTUSB};floppy=^.*$`, `${HOSTUSB};${F}`, 30));
    // never -m (facts §1.5); always --cver
    for (const s of steps) {
      const sh = (s.run as { sh: string }).sh;
      expect(sh).not.toMatch(/engine-config -m/);
      expect(sh).toContain("-s 'UserDefinedVMProperties=");
    }
  });

  it('compliant: after the planned steps ran against the stand-in, no finding and no step', async () => {
    const o = await probeWithFake(check, ctx, fixture(ID, 'lab-after-apply'));
    expect(check.compare(o, ctx)).toEqual([]);
    expect(check.fix!(o, ctx)).toEqual([]);
  });

  it('two floppy definitions left by -m: keep one, in the place of the first', async () => {
    const o = await probeWithFake(check, ctx, fixture(ID, 'merged-second-floppy'));
    const f = check.compare(o, ctx).find((x) => x.message.startsWith('level 4.6'));
    expect(f).toEqual({
      code: 'floppy-duplicated',
      message: `level 4.6: floppy is defined 2 times (^.*$ | ^/old/.*$); keep one: ${R}`,
      expected: `${HOSTUSB};${F}`,
      actual: `${HOSTUSB};floppy=^.*$;floppy=^/old/.*$`,
    });
  });

  it('a value that contains " version: " and a trailing ";" is read exactly and appended to like the engine merges', async () => {
    const o = await probeWithFake(check, ctx, fixture(ID, 'value-contains-version-text'));
    const f = check.compare(o, ctx).find((x) => x.message.startsWith('level 4.5'));
    expect(f).toMatchObject({ actual: 'note=a version: 4.2 b;hostusb=^x$;', expected: `note=a version: 4.2 b;hostusb=^x$;${F}` });
  });

  it('garbage: a value with a line break is refused, not guessed (ParseError)', async () => {
    await expect(probeWithFake(check, ctx, fixture(ID, 'value-with-line-break'))).rejects.toBeInstanceOf(ParseError);
    await expect(probeWithFake(check, ctx, { stored: { stdout: 'Picked up JAVA_TOOL_OPTIONS\n', exitCode: 0 } })).rejects.toBeInstanceOf(
      ParseError,
    );
  });

  it('engine-config errors are findings, not crashes: no rows, not installed; a timeout is an error naming host and bound', async () => {
    const noRows = await probeWithFake(check, ctx, fixture(ID, 'no-rows'));
    expect(check.compare(noRows, ctx)).toEqual([
      {
        code: 'engine-config-failed',
        message:
          'engine-config -g UserDefinedVMProperties failed: Error fetching UserDefinedVMProperties value: no such entry with default version.',
        fixable: false,
      },
    ]);
    expect(check.fix!(noRows, ctx)).toEqual([]);
    const missing = await probeWithFake(check, ctx, fixture(ID, 'lab-bare-host'));
    expect(check.compare(missing, ctx)).toEqual([
      { code: 'engine-config-missing', message: 'engine-config is not installed', fixable: false },
    ]);
    // timeout(1) exits 124 (synthesised exit status: the stand-in cannot hang on -g).
    // No answer is no verdict on the value: the check is an error (evaluateCheck turns the throw into one), not drift.
    for (const exitCode of [124, 137]) {
      const hung = await probeWithFake(check, ctx, { stored: { stdout: '', exitCode } });
      expect(() => check.compare(hung, ctx)).toThrow(
        'mgr: engine-config -g UserDefinedVMProperties did not answer within 30 s (manager.engineConfigTimeout); ended by timeout',
      );
    }
  });

  it('a configured regex with ";" cannot be stored: one unfixable finding, no step', async () => {
    const bad = managerContext({ payload: 'floppy', floppy: { propertyRegex: '^/a;b$' } });
    const o = await probeWithFake(check, bad, fixture(ID, 'lab-stock'));
    expect(check.compare(o, bad)).toEqual([
      {
        code: 'regex-unusable',
        message: 'floppy.propertyRegex contains ";", which separates property definitions; it cannot be stored in UserDefinedVMProperties',
        fixable: false,
      },
    ]);
    expect(check.fix!(o, bad)).toEqual([]);
  });

  it('a result over 4000 characters (varchar(4000)) is reported and not written', async () => {
    // floppy=^/x/aaa…$ fits alone (3982 characters) but not after hostusb (44 + 1 more).
    const long = managerContext({ payload: 'floppy', floppy: { propertyRegex: `^/x/${'a'.repeat(3970)}$` } });
    const o = await probeWithFake(check, long, fixture(ID, 'lab-stock'));
    const level = (text: string) => /level (\S+?):/.exec(text)![1];
    const findings = check.compare(o, long);
    expect(findings.filter((f) => f.code === 'value-too-long').map((f) => [level(f.message), f.fixable])).toEqual([
      ['4.3', false],
      ['4.5', false],
      ['4.6', false],
    ]);
    expect(check.fix!(o, long).map((s) => level(s.describe))).toEqual(['4.2', '4.4', '4.7']);
  });

  it('payload auto (the default): floppy and floppycd per level, both in ONE write per level, hostusb kept', async () => {
    const auto = managerContext();
    expect(auto.config.payload).toBe('auto');
    const o = await probeWithFake(check, auto, fixture(ID, 'lab-stock'));
    const findings = check.compare(o, auto);
    expect(findings.filter((f) => f.message.startsWith('level 4.3:'))).toEqual([
      { code: 'floppy-missing', message: `level 4.3: floppy is not defined; add ${F}`, expected: `${HOSTUSB};${F};${C}`, actual: HOSTUSB },
      {
        code: 'cd-property-missing',
        message: `level 4.3: floppycd is not defined; add ${C}`,
        expected: `${HOSTUSB};${F};${C}`,
        actual: HOSTUSB,
      },
    ]);
    expect(findings.map((f) => f.code).filter((c) => c === 'cd-property-missing')).toHaveLength(6);
    const steps = check.fix!(o, auto);
    expect(steps).toHaveLength(6);
    expect(steps[4]!.describe).toBe(`set UserDefinedVMProperties for level 4.6: replace floppy=^.*$ with ${F}; add ${C}`);
    expect(steps[4]!.run).toEqual(planPropertyWrite('4.6', `${HOSTUSB};floppy=^.*$`, `${HOSTUSB};${F};${C}`, 30));
  });

  it('payload cdrom: only the CD property is added; an existing floppy definition is left as it is', async () => {
    const cd = managerContext({ payload: 'cdrom' });
    const o = await probeWithFake(check, cd, fixture(ID, 'lab-stock'));
    const f46 = check.compare(o, cd).filter((f) => f.message.startsWith('level 4.6:'));
    expect(f46).toEqual([
      {
        code: 'cd-property-missing',
        message: `level 4.6: floppycd is not defined; add ${C}`,
        expected: `${HOSTUSB};floppy=^.*$;${C}`,
        actual: `${HOSTUSB};floppy=^.*$`,
      },
    ]);
  });

  it('after the floppy-only apply, auto still wants floppycd on every level and touches floppy nowhere', async () => {
    const auto = managerContext();
    const o = await probeWithFake(check, auto, fixture(ID, 'lab-after-apply'));
    const findings = check.compare(o, auto);
    expect(findings).toHaveLength(6);
    expect(new Set(findings.map((f) => f.code))).toEqual(new Set(['cd-property-missing']));
    expect(check.fix!(o, auto).every((s) => s.describe.endsWith(`: add ${C}`))).toBe(true);
  });

  it('not applicable: skipped while manager-engine-installed is not ok', () => {
    expect(preflight(check, ctx, { 'manager-engine-installed': 'drift' })).toMatchObject({
      status: 'skipped',
      reason: 'needs manager-engine-installed (drift)',
    });
  });
});

const hasPython = spawnSync('python3', ['--version']).status === 0;
const STANDIN = new URL('../../lab/standins/engine/', import.meta.url).pathname;

describe.skipIf(!hasPython)('manager-floppy-property write scripts against the engine-config stand-in', () => {
  function sandbox() {
    const dir = mkdtempSync(join(tmpdir(), 'of-ec-'));
    mkdirSync(join(dir, 'bin'));
    symlinkSync(join(STANDIN, 'engine_config.py'), join(dir, 'bin', 'engine-config'));
    const env = { ...process.env, PATH: `${dir}/bin:${process.env.PATH}`, LAB_ENGINE_VDC_OPTIONS: join(dir, 'vdc.json') };
    execFileSync('python3', [join(STANDIN, 'vdc_options.py'), '--seed', env.LAB_ENGINE_VDC_OPTIONS], { env });
    const sh = (script: string) => spawnSync('sh', ['-c', script], { env, encoding: 'utf8' });
    const get = (level: string) =>
      execFileSync('engine-config', ['-g', 'UserDefinedVMProperties', `--cver=${level}`], { env, encoding: 'utf8' });
    return { dir, sh, get, marker: join(dir, 'state', 'engine-restart-pending') };
  }

  it('sets and reads back, leaving the restart-pending marker (0700 directory, 0600 file); a second run refuses', () => {
    const { dir, sh, get, marker } = sandbox();
    try {
      const step = planPropertyWrite('4.6', `${HOSTUSB};floppy=^.*$`, `${HOSTUSB};${F}`, 30, marker);
      const first = sh(step.sh);
      expect(first.status, first.stderr).toBe(0);
      expect(parseRestartMarker(sh(restartMarkerCommand('no-such-unit', marker).sh).stdout, 0)).toMatchObject({ state: 'present' });
      expect(readFileSync(marker, 'utf8')).toMatch(/^changed_at=\d+\nboot_id=[0-9a-f-]+\nuptime=[\d.]+\n$/);
      expect(statSync(join(dir, 'state')).mode & 0o777).toBe(0o700);
      expect(statSync(marker).mode & 0o777).toBe(0o600);
      expect(readdirSync(join(dir, 'state'))).toEqual(['engine-restart-pending']);
      expect(get('4.6')).toBe(`${HOSTUSB};${F}\n`);
      expect(get('4.5')).toBe(`${HOSTUSB}\n`);
      const again = sh(step.sh);
      expect(again.status).toBe(1);
      expect(again.stderr).toBe('UserDefinedVMProperties for level 4.6 changed since it was checked; nothing written, run check again\n');
      expect(get('4.6')).toBe(`${HOSTUSB};${F}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a level that does not exist fails with engine-config's own message on stderr", () => {
    const { dir, sh } = sandbox();
    try {
      const r = sh(planPropertyWrite('4.1', '', F, 30, join(dir, 'marker')).sh);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('cannot read UserDefinedVMProperties for level 4.1: engine-config exit 1\n');
      expect(existsSync(join(dir, 'marker'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an engine-config that hangs is ended after the bound, named as a timeout, and leaves no marker', () => {
    const { dir, sh, marker } = sandbox();
    try {
      // Replace the symlink itself (writing through it would overwrite the stand-in).
      rmSync(join(dir, 'bin', 'engine-config'));
      writeFileSync(join(dir, 'bin', 'engine-config'), '#!/bin/sh\nsleep 30\n', { mode: 0o755 });
      const started = Date.now();
      const r = sh(planPropertyWrite('4.6', HOSTUSB, `${HOSTUSB};${F}`, 1, marker).sh);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('cannot read UserDefinedVMProperties for level 4.6: engine-config did not answer within 1 s\n');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(existsSync(marker)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
