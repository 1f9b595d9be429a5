/** The runner evaluates checks in list order, so every dependsOn id must come earlier in its list. */
import { describe, expect, it } from 'vitest';
import { hypervisorChecks } from '../../../checks/list-hypervisor.js';
import { managerChecks } from '../../../checks/list-manager.js';

describe('manager and hypervisor check lists', () => {
  it.each([
    ['manager', managerChecks],
    ['hypervisor', hypervisorChecks],
  ] as const)('%s: dependencies first, ids unique, roles right', (role, checks) => {
    const seen = new Set<string>();
    for (const c of checks) {
      for (const dep of c.dependsOn ?? []) expect(seen.has(dep), `${c.id} needs ${dep} earlier`).toBe(true);
      expect(seen.has(c.id)).toBe(false);
      expect(c.roles).toEqual([role]);
      expect(c.id.startsWith(`${role}-`)).toBe(true);
      seen.add(c.id);
    }
  });
});
