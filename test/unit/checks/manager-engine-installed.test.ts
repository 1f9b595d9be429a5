/** manager-engine-installed on captured `command -v engine-config` output (fixtures' source.txt). */
import { describe, expect, it } from 'vitest';
import check from '../../../checks/manager-engine-installed.js';
import { ParseError } from '../../../src/errors.js';
import type { HostFacts } from '../../../src/check-api.js';
import { commandOf, makeContext, probeWithFake } from '../../support/check-harness.js';
import { fixture } from './lib/fixtures.js';

const ID = 'manager-engine-installed';
const mgr = (facts: Partial<HostFacts>) =>
  makeContext({ host: { name: 'mgr', role: 'manager', address: '127.0.1.10' }, facts: { vdsmVersion: undefined, ...facts } });

describe('manager-engine-installed', () => {
  it('probes with a shell builtin only', () => {
    expect(commandOf(check.probe(mgr({})).engineConfig)).toBe('command -v engine-config');
  });

  it('compliant: only an info finding with the engine version and OS release', async () => {
    const ctx = mgr({ engineVersion: '4.5.6-1.el8', redhatRelease: 'Rocky Linux release 8.9 (Green Obsidian)' });
    const o = await probeWithFake(check, ctx, fixture(ID, 'stand-in-present'));
    expect(o).toEqual({ engineConfig: { path: '/tmp/cap/ec/bin/engine-config' } });
    expect(check.compare(o, ctx)).toEqual([
      { code: 'engine-version', severity: 'info', message: 'ovirt-engine 4.5.6-1.el8 on Rocky Linux release 8.9 (Green Obsidian)' },
    ]);
    expect(check.fix).toBeUndefined();
  });

  it('drift: no ovirt-engine package is the one gating finding, not fixable', async () => {
    const ctx = mgr({ engineVersion: undefined });
    const o = await probeWithFake(check, ctx, fixture(ID, 'lab-bare-host'));
    expect(check.compare(o, ctx)).toEqual([
      {
        code: 'engine-not-installed',
        message: 'ovirt-engine is not installed (rpm -q ovirt-engine finds no package); is this the engine host?',
        fixable: false,
      },
    ]);
    expect(check.compare(o, mgr({ engineVersion: undefined, hasRpm: false }))[0]!.message).toContain('this host has no rpm');
    // rpm ran but did not answer (facts.rpmError): unknown, an error of the check, not "not installed".
    expect(() =>
      check.compare(o, mgr({ engineVersion: undefined, rpmError: 'rpm -q … gave no answer for ovirt-engine (exit 1)' })),
    ).toThrow(ParseError);
  });

  it('drift: the package without engine-config on PATH', async () => {
    const ctx = mgr({ engineVersion: '4.5.6-1.el8' });
    const o = await probeWithFake(check, ctx, fixture(ID, 'lab-bare-host'));
    expect(check.compare(o, ctx)).toEqual([
      { code: 'engine-config-missing', message: 'ovirt-engine 4.5.6-1.el8 is installed but engine-config is not on PATH', fixable: false },
    ]);
  });

  it('not applicable: it is the gate itself (no appliesTo, no dependsOn)', () => {
    expect(check.appliesTo).toBeUndefined();
    expect(check.dependsOn).toBeUndefined();
  });

  it('garbage: ParseError', async () => {
    await expect(
      probeWithFake(check, mgr({}), { engineConfig: { stdout: 'engine-config is hashed\n', exitCode: 0 } }),
    ).rejects.toBeInstanceOf(ParseError);
  });
});
