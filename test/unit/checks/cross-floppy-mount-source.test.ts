import { describe, expect, it } from 'vitest';
import type { CrossHostObservation } from '../../../src/check-api.js';
import { ParseError } from '../../../src/errors.js';
import check from '../../../checks/cross-floppy-mount-source.js';
import type { PathMount } from '../../../checks/lib/mount-findmnt.js';
import { commandOf, elFacts, labConfig } from '../../support/check-harness.js';
import { fixture } from './lib/fixtures.js';

const ID = 'cross-floppy-mount-source';
const CLIENT = labConfig().floppy.clientPath;
const probe = () => check.probe({ config: labConfig(), host: { name: 'hv1', role: 'hypervisor', address: '' }, flags: {} }).mount;
const captured = (name: string): PathMount => {
  const a = fixture(ID, name).mount!;
  return probe().parse(a.stdout, a.exitCode);
};
const obs = (name: string, mount: PathMount): CrossHostObservation<{ mount: PathMount }> => ({
  host: { name, role: 'hypervisor', address: '127.0.0.1' },
  facts: elFacts({ hostname: name }),
  observed: { mount },
});

describe('cross-floppy-mount-source', () => {
  it("uses the hypervisor checks' own probe: a builtin walk up, one findmnt -T", () => {
    const cmd = commandOf(probe());
    expect(cmd).toContain('p=/rhev/data-center/mnt/127.0.1.20:_exports_iso/floppy\n');
    expect(cmd).toContain('findmnt -n -P -o TARGET,SOURCE,FSTYPE,OPTIONS -T "$p"');
  });

  it("parses captured output: a bind like the lab's fake mount.nfs, and a missing clientPath", () => {
    expect(captured('sandbox-bind')).toMatchObject({
      probedPath: CLIENT,
      mount: { source: '/dev/vda[/tmp/of-sbx/exports-iso]', target: '/rhev/data-center/mnt/127.0.1.20:_exports_iso', fstype: 'ext4' },
    });
    expect(captured('sandbox-not-mounted')).toMatchObject({
      probedPath: '/rhev/data-center/mnt/127.0.1.20:_exports_iso',
      mount: { source: 'overlay', target: '/' },
    });
  });

  it('compliant: the same source on every hypervisor', () => {
    const m = captured('sandbox-bind');
    expect(check.compare([obs('hv1', m), obs('hv2', m)], labConfig()).size).toBe(0);
  });

  it("drift: the host whose clientPath is not on the shared mount is named, with every host's source", () => {
    const r = check.compare(
      [obs('hv1', captured('sandbox-bind')), obs('hv2', captured('sandbox-not-mounted')), obs('hv3', captured('sandbox-bind'))],
      labConfig(),
    );
    expect([...r.keys()]).toEqual(['hv2']);
    const [f] = r.get('hv2')!;
    expect(f).toMatchObject({
      code: 'mount-source-differs',
      expected: '/dev/vda[/tmp/of-sbx/exports-iso]',
      actual: 'overlay',
      fixable: false,
    });
    expect(f!.message).toContain(`(${CLIENT} does not exist; asked for /rhev/data-center/mnt/127.0.1.20:_exports_iso)`);
    expect(f!.message).toContain('hv1: /dev/vda[/tmp/of-sbx/exports-iso] on /rhev/data-center/mnt/127.0.1.20:_exports_iso (ext4)');
  });

  it('captured on two unprovisioned lab hypervisors (no /rhev at all): no majority, so both are named', () => {
    const hv1 = captured('lab-hv1-unprovisioned');
    expect(hv1).toMatchObject({ probedPath: '/', mount: { source: 'lab-g1-hv1', target: '/', fstype: 'overlay' } });
    const r = check.compare([obs('hv1', hv1), obs('hv2', captured('lab-hv2-unprovisioned'))], labConfig());
    expect([...r.keys()]).toEqual(['hv1', 'hv2']);
    expect(r.get('hv1')![0]!.message).toContain('the hypervisors do not agree on one source');
    expect(r.get('hv1')![0]!.expected).toBeUndefined();
  });

  it('not applicable: one hypervisor has nothing to compare', () => {
    expect(check.compare([obs('hv1', captured('sandbox-not-mounted'))], labConfig()).size).toBe(0);
  });

  it('garbage: ParseError', () => {
    expect(() => probe().parse('findmnt: unknown column\n', 1)).toThrow(ParseError);
    expect(() => probe().parse(`path dir ${CLIENT}\nSOURCE /x\n`, 0)).toThrow(ParseError);
  });
});
