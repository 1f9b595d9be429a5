import { describe, expect, it } from 'vitest';
import { ADDRESS_CAPACITY, fleetAddresses, hypervisorAddress, MAX_HYPERVISORS } from '../../../bench/addresses.js';
import { fleetSpecs } from '../../../bench/lab.js';

describe('bench fleet addresses', () => {
  it('keeps the manager, sftp server and the first 252 hypervisors on 127.0.250.x', () => {
    const a = fleetAddresses(252);
    expect(a.manager).toBe('127.0.250.1');
    expect(a.sftp).toBe('127.0.250.2');
    expect(a.hypervisors[0]).toBe('127.0.250.3');
    expect(a.hypervisors[251]).toBe('127.0.250.254');
  });

  it('continues on 127.0.251.1 from the 253rd hypervisor (400: up to 127.0.251.148)', () => {
    const a = fleetAddresses(400);
    expect(a.hypervisors[252]).toBe('127.0.251.1');
    expect(a.hypervisors.at(-1)).toBe('127.0.251.148');
    expect(a.hypervisors).toHaveLength(400);
  });

  it('hands out distinct loopback addresses with host octets 1…254 only, never .0 or .255', () => {
    const a = fleetAddresses(MAX_HYPERVISORS);
    const all = [a.manager, a.sftp, ...a.hypervisors];
    expect(new Set(all).size).toBe(all.length);
    for (const addr of all) {
      const m = /^127\.0\.(250|251)\.(\d+)$/.exec(addr);
      expect(m, addr).not.toBeNull();
      expect(Number(m![2])).toBeGreaterThanOrEqual(1);
      expect(Number(m![2])).toBeLessThanOrEqual(254);
    }
  });

  it('refuses counts outside 1…MAX_HYPERVISORS and indexes beyond the two /24s', () => {
    expect(() => fleetAddresses(0)).toThrow(/1…500/);
    expect(() => fleetAddresses(MAX_HYPERVISORS + 1)).toThrow(/1…500/);
    expect(() => fleetAddresses(2.5)).toThrow();
    expect(ADDRESS_CAPACITY).toBe(506);
    expect(hypervisorAddress(ADDRESS_CAPACITY - 1)).toBe('127.0.251.254');
    expect(() => hypervisorAddress(ADDRESS_CAPACITY)).toThrow(RangeError);
  });

  it('fleetSpecs names and shapes 400 hypervisors like the scale lab (odd: SELinux off, even: enforcing, boolean off)', () => {
    const { specs, nfsAddress } = fleetSpecs(400);
    expect(specs).toHaveLength(402);
    expect(nfsAddress).toBe('127.0.250.2');
    const hv = specs.filter((s) => s.role === 'hypervisor');
    expect(hv[399]).toMatchObject({ name: 'bhv400', address: '127.0.251.148', hypervisor: { selinux: 'enforcing', virtUseNfs: false } });
    expect(hv[252]).toMatchObject({ name: 'bhv253', address: '127.0.251.1', hypervisor: { selinux: 'disabled' } });
    expect(new Set(specs.map((s) => s.name)).size).toBe(402);
  });
});
