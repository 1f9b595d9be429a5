import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/errors.js';
import { parseHostFacts, parseRpmVersions } from '../../../src/runner/host-facts.js';
import type { ProbeOutput } from '../../../src/runner/probe-script.js';
import { loadFactsFixture } from '../../support/fact-answers.js';

const asMap = (o: Record<string, ProbeOutput>) => new Map(Object.entries(o));

describe('parseHostFacts', () => {
  it('reads a stock Debian machine (no sshd, no getenforce, rpm without packages)', () => {
    expect(parseHostFacts(asMap(loadFactsFixture('debian12-machine')))).toEqual({
      hostname: 'vm', uid: 0, osId: 'debian', osVersionId: '12', redhatRelease: undefined, packageManager: undefined,
      hasRpm: true, vdsmVersion: undefined, engineVersion: undefined, selinux: 'absent', sshdService: 'sshd',
      sshdPath: undefined, opensshVersion: '9.2p1',
    });
  });

  it('refuses output without hostname or uid (garbage, or the facts command was cut)', () => {
    const facts = loadFactsFixture('debian12-machine');
    facts['@facts/basics'] = { stdout: 'Welcome to the machine\n', exitCode: 0 };
    expect(() => parseHostFacts(asMap(facts))).toThrow(ParseError);
  });
});

describe('parseRpmVersions', () => {
  it('takes name and version-release per installed package and ignores the missing ones', () => {
    // `rpm -q --qf '%{NAME} %{VERSION}-%{RELEASE}\n' vdsm ovirt-engine` with only vdsm installed: exit 1.
    expect(parseRpmVersions({ stdout: 'vdsm 4.30.46-1.el7\npackage ovirt-engine is not installed\n', exitCode: 1 })).toEqual({ vdsm: '4.30.46-1.el7' });
  });
});
