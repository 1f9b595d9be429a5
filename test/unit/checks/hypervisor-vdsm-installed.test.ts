/** hypervisor-vdsm-installed: facts only (the runner's rpm -q vdsm and /etc/redhat-release), no probe. */
import { describe, expect, it } from 'vitest';
import check from '../../../checks/hypervisor-vdsm-installed.js';
import { ParseError } from '../../../src/errors.js';
import type { HostFacts } from '../../../src/check-api.js';
import { makeContext } from '../../support/check-harness.js';

const hv = (facts: Partial<HostFacts>) => makeContext({ facts });

describe('hypervisor-vdsm-installed', () => {
  it('compliant: an info finding with vdsm, OS release and which hook applies', () => {
    expect(check.probe(hv({}))).toEqual({});
    expect(check.compare({}, hv({}))).toEqual([
      {
        code: 'vdsm-version',
        severity: 'info',
        message: 'vdsm 4.30.46-1.el7 on Red Hat Enterprise Linux release 8.9 (Ootpa); floppy hook: package vdsm-hook-floppy',
      },
    ]);
    expect(check.compare({}, hv({ vdsmVersion: '4.50.5-1.el8', redhatRelease: undefined, osId: 'rocky', osVersionId: '8.9' }))).toEqual([
      {
        code: 'vdsm-version',
        severity: 'info',
        message: 'vdsm 4.50.5-1.el8 on rocky 8.9; floppy hook: bundled (vdsm 4.40+ has no vdsm-hook-floppy)',
      },
    ]);
  });

  it('drift: no vdsm → not an oVirt hypervisor, not fixable', () => {
    expect(check.compare({}, hv({ vdsmVersion: undefined, redhatRelease: undefined, osId: 'debian', osVersionId: '12' }))).toEqual([
      {
        code: 'vdsm-not-installed',
        message: 'vdsm is not installed (rpm -q vdsm finds no package) on debian 12: not an oVirt hypervisor',
        fixable: false,
      },
    ]);
  });

  it('not applicable: it is the gate (no appliesTo)', () => expect(check.appliesTo).toBeUndefined());

  it('garbage: an unparseable vdsm version is a ParseError', () => {
    expect(() => check.compare({}, hv({ vdsmVersion: 'unknown' }))).toThrow(ParseError);
  });

  it('garbage: rpm gave no answer for vdsm (facts.rpmError) is a ParseError, not "not installed"', () => {
    const rpmError = 'rpm -q vdsm ovirt-engine vdsm-hook-floppy gave no answer for vdsm, ovirt-engine, vdsm-hook-floppy (exit 1)';
    expect(() => check.compare({}, hv({ vdsmVersion: undefined, rpmError }))).toThrow(ParseError);
    // A version that was answered still counts when another package's answer is missing.
    expect(check.compare({}, hv({ rpmError: 'rpm -q … gave no answer for vdsm-hook-floppy (exit 1)' }))[0]).toMatchObject({
      code: 'vdsm-version',
    });
  });
});
