/**
 * hypervisor-hook-package: no probe of its own; the runner's host facts carry the package's version from the one
 * `rpm -q` of vdsm, ovirt-engine and vdsm-hook-floppy (fixtures: host-facts/, hypervisor-vdsm-installed/).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import check, { hookPackageFromFacts } from '../../../checks/hypervisor-hook-package.js';
import { isVersionAtLeast, parseRpmVersion } from '../../../checks/lib/rpm-version.js';
import { ParseError } from '../../../src/errors.js';
import type { HostFacts } from '../../../src/check-api.js';
import { HOST_FACTS_KEY, parseHostFacts } from '../../../src/runner/host-facts.js';
import type { ProbeOutput } from '../../../src/runner/probe-script.js';
import { loadFactsFixture } from '../../support/fact-answers.js';
import { makeContext } from '../../support/check-harness.js';
import { preflight } from './lib/fixtures.js';

const hv = (facts: Partial<HostFacts> = {}) => makeContext({ facts });
/** Facts as the runner parses them from a captured (or composed) facts output. */
const factsOf = (outputs: Record<string, ProbeOutput>) => parseHostFacts(new Map(Object.entries(outputs)));
const stockHv1 = () =>
  factsOf(
    JSON.parse(
      readFileSync(new URL('../../fixtures/outputs/hypervisor-vdsm-installed/lab-hv1-stock-host.json', import.meta.url), 'utf8'),
    ) as Record<string, ProbeOutput>,
  );

describe('hypervisor-hook-package', () => {
  it('probes nothing: the host facts already asked rpm', () => {
    expect(check.probe(hv())).toEqual({});
  });

  it('compliant: installed (facts of the one rpm -q)', () => {
    const ctx = hv(factsOf(loadFactsFixture('composed-hv1-hook-installed')));
    expect(hookPackageFromFacts(ctx.facts)).toEqual({ rpm: 'ran', installed: '4.30.46-1.el7' });
    expect(check.compare({}, ctx)).toEqual([]);
    expect(check.fix!({}, ctx)).toEqual([]);
  });

  it('drift: not installed → install with dnf, or yum, whichever the host has', () => {
    const ctx = hv(stockHv1());
    expect(check.compare({}, ctx)).toEqual([
      {
        code: 'hook-package-missing',
        message: 'vdsm-hook-floppy is not installed (dnf install -y vdsm-hook-floppy)',
        expected: 'vdsm-hook-floppy',
        actual: '(not installed)',
        fixable: true,
      },
    ]);
    expect(check.fix!({}, ctx)).toEqual([
      { describe: 'install vdsm-hook-floppy with dnf', run: { argv: ['dnf', 'install', '-y', 'vdsm-hook-floppy'] }, timeout: 600 },
    ]);
    expect(check.fix!({}, hv({ ...ctx.facts, packageManager: 'yum' }))[0]!.run).toEqual({
      argv: ['yum', 'install', '-y', 'vdsm-hook-floppy'],
    });
    const none = hv({ ...ctx.facts, packageManager: undefined });
    expect(check.compare({}, none)[0]).toMatchObject({
      fixable: false,
      message: 'vdsm-hook-floppy is not installed (no dnf or yum on this host to install it with)',
    });
    expect(check.fix!({}, none)).toEqual([]);
  });

  it('not applicable: vdsm 4.40+ is skipped with the reason; skipped while vdsm is missing', () => {
    expect(preflight(check, hv({ vdsmVersion: '4.50.5-1.el8' }))).toMatchObject({
      status: 'skipped',
      reason:
        'vdsm 4.50.5-1.el8: vdsm 4.40+ has no vdsm-hook-floppy (removed in vdsm 3b251ecd, obsoleted by vdsm); the bundled hook is installed instead',
    });
    expect(check.appliesTo!(hv({ vdsmVersion: '4.30.53-1.el7' }))).toBe(true);
    expect(preflight(check, hv({ vdsmVersion: undefined }), { 'hypervisor-vdsm-installed': 'drift' })).toMatchObject({
      status: 'skipped',
      reason: 'needs hypervisor-vdsm-installed (drift)',
    });
  });

  it('no rpm on the host is data', () => {
    const ctx = hv({ hasRpm: false, hookPackageVersion: undefined });
    expect(check.compare({}, ctx)).toEqual([
      { code: 'rpm-missing', message: 'rpm is not installed: cannot tell which packages are', fixable: false },
    ]);
    expect(check.fix!({}, ctx)).toEqual([]);
  });

  it('garbage: rpm gave no answer for the package → ParseError (the check errors, nothing is installed)', () => {
    const facts = loadFactsFixture('composed-hv1-hook-installed');
    const stdout = facts[HOST_FACTS_KEY]!.stdout.replace('rpm:vdsm-hook-floppy 4.30.46-1.el7\n', '');
    const ctx = hv(factsOf({ [HOST_FACTS_KEY]: { stdout, exitCode: 0 } }));
    expect(ctx.facts.rpmError).toContain('no answer for vdsm-hook-floppy');
    expect(() => check.compare({}, ctx)).toThrow(ParseError);
    expect(() => check.fix!({}, ctx)).toThrow(ParseError);
  });

  it('version order: 4.30.x has the package, 4.40 and later not', () => {
    expect(isVersionAtLeast(parseRpmVersion('4.30.53-1.el7'), [4, 40])).toBe(false);
    expect(isVersionAtLeast(parseRpmVersion('4.40.0-1.el8'), [4, 40])).toBe(true);
    expect(isVersionAtLeast(parseRpmVersion('4.50.3.4-1.el8'), [4, 40])).toBe(true);
    expect(isVersionAtLeast(parseRpmVersion('4.4-1'), [4, 40])).toBe(false);
  });
});
