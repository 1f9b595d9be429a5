import { describe, expect, it } from 'vitest';
import type { CrossHostObservation, Role } from '../../../src/check-api.js';
import { ParseError } from '../../../src/errors.js';
import check, { expectedGid, type KvmObserved } from '../../../checks/cross-kvm-gid.js';
import { debianFacts, elFacts, labConfig } from '../../support/check-harness.js';
import { fixture } from './lib/fixtures.js';

const ID = 'cross-kvm-gid';
const parse = (name: string) => {
  const a = fixture(ID, name).gid!;
  return check.probe({ config: labConfig(), host: { name: 'x', role: 'sftp', address: '' }, flags: {} }).gid!.parse(a.stdout, a.exitCode);
};
const obs = (name: string, role: Role, gid: number | undefined): CrossHostObservation<KvmObserved> => ({
  host: { name, role, address: '127.0.0.1' },
  facts: role === 'sftp' ? debianFacts() : elFacts(),
  observed: { gid },
});

describe('cross-kvm-gid', () => {
  it('parses captured getent output: kvm 36, and no kvm (exit 2)', () => {
    expect(parse('sandbox-kvm36')).toBe(36);
    expect(parse('sandbox-no-kvm')).toBeUndefined();
    // Lab sftp host before and after sftp-floppy-dir created kvm; lab hypervisors not provisioned yet (no kvm).
    expect(parse('lab-sftp-stock')).toBeUndefined();
    expect(parse('lab-sftp-after-apply')).toBe(36);
    expect(parse('lab-hv1-unprovisioned')).toBeUndefined();
  });

  it('compliant: 36 everywhere → no findings', () => {
    expect(check.compare([obs('sftp', 'sftp', 36), obs('hv1', 'hypervisor', 36), obs('hv2', 'hypervisor', 36)], labConfig()).size).toBe(0);
  });

  it("drift: the odd host gets the finding, naming every host's gid", () => {
    const r = check.compare([obs('sftp', 'sftp', 1001), obs('hv1', 'hypervisor', 36), obs('hv2', 'hypervisor', 36)], labConfig());
    expect([...r.keys()]).toEqual(['sftp']);
    expect(r.get('sftp')).toEqual([
      {
        code: 'kvm-gid-mismatch',
        message:
          'kvm is gid 1001 on sftp but 36 elsewhere (sftp=1001, hv1=36, hv2=36): files the sftp server writes as kvm reach the other hosts as another group',
        expected: '36',
        actual: '1001',
        fixable: false,
      },
    ]);
  });

  it('a host without kvm is only noted (its own check fixes it)', () => {
    const r = check.compare([obs('sftp', 'sftp', undefined), obs('hv1', 'hypervisor', 36)], labConfig());
    expect(r.get('sftp')).toEqual([
      { code: 'kvm-missing', severity: 'info', message: 'sftp has no group kvm; not compared (sftp=none, hv1=36)' },
    ]);
    expect(r.has('hv1')).toBe(false);
  });

  it('expected gid: hypervisor majority, 36 on a tie', () => {
    expect(expectedGid([36, 107, 107], [36, 107, 107, 1])).toBe(107);
    expect(expectedGid([107, 36], [107, 36])).toBe(36);
    expect(expectedGid([], [5])).toBe(5);
  });

  it('not applicable: a single host has nothing to disagree with', () => {
    expect(check.compare([obs('hv1', 'hypervisor', 36)], labConfig()).size).toBe(0);
  });

  it('garbage: ParseError', () => {
    const p = check.probe({ config: labConfig(), host: { name: 'x', role: 'sftp', address: '' }, flags: {} });
    expect(() => p.gid!.parse('kvm 36\n', 0)).toThrow(ParseError);
  });
});
