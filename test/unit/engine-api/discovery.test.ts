/**
 * discover: hypervisors from the engine's hosts; explicit entries merge by name (their SSH settings win); hosts
 * the engine holds in maintenance / non-responsive are skipped with their status; unknown explicit hosts stay.
 */
import { describe, expect, it } from 'vitest';
import type { EngineHost, EngineInventory } from '../../../src/check-api.js';
import { discoverHypervisors } from '../../../src/engine-api/discovery.js';
import { labConfig } from '../../support/check-harness.js';

const host = (name: string, address: string, status: string, clusterName = 'Default'): EngineHost => ({
  id: `id-${name}`,
  name,
  address,
  status,
  clusterId: `c-${clusterName}`,
  clusterName,
  hooks: [],
});

const inventory = (hosts: EngineHost[], error?: string): EngineInventory => ({
  fetchedAt: '2026-12-03T08:00:00.000Z',
  hosts,
  clusters: [],
  vms: [],
  ...(error ? { error } : {}),
});

describe('discoverHypervisors', () => {
  it('without discover: the config is used as it is, whatever the engine says', () => {
    const config = labConfig();
    const r = discoverHypervisors(config, inventory([host('hv9', '10.0.0.9', 'up')]));
    expect(r.config).toBe(config);
    expect(r.skipped).toEqual([]);
  });

  it('discover: {} with no hypervisors list → every engine host by its address; maintenance and non-responsive skipped', () => {
    const config = { ...labConfig(), hypervisors: [], discover: {} };
    const r = discoverHypervisors(
      config,
      inventory([
        host('hv1', '127.0.1.11', 'up'),
        host('hv2', '127.0.1.12', 'maintenance'),
        host('hv3', '127.0.1.13', 'non_responsive', 'Legacy43'),
        host('hv4', '127.0.1.14', 'non_operational'),
      ]),
    );
    expect(r.config.hypervisors).toEqual([
      { host: '127.0.1.11', name: 'hv1' },
      { host: '127.0.1.14', name: 'hv4' },
    ]);
    expect(r.skipped).toEqual([
      { name: 'hv2', role: 'hypervisor', address: '127.0.1.12', status: 'maintenance', cluster: 'Default' },
      { name: 'hv3', role: 'hypervisor', address: '127.0.1.13', status: 'non_responsive', cluster: 'Legacy43' },
    ]);
  });

  it('explicit entries merge by name (their settings win); unknown ones stay; clusters narrow the scope', () => {
    const config = {
      ...labConfig(),
      hypervisors: [
        { host: 'hv1-mgmt.example.com', name: 'hv1', port: 2222 },
        { host: '10.9.9.9', name: 'ghost' },
      ],
      discover: { clusters: ['Default'] },
    };
    const r = discoverHypervisors(config, inventory([host('hv1', '127.0.1.11', 'up'), host('old', '127.0.1.30', 'up', 'Legacy43')]));
    expect(r.config.hypervisors).toEqual([
      { host: 'hv1-mgmt.example.com', name: 'hv1', port: 2222 },
      { host: '10.9.9.9', name: 'ghost' },
    ]);
    expect(r.skipped).toEqual([]);
  });

  it('an unreadable inventory changes nothing (the manager check reports the error)', () => {
    const config = { ...labConfig(), discover: {} };
    const r = discoverHypervisors(config, inventory([], 'connect ECONNREFUSED 127.0.1.10:443'));
    expect(r.config.hypervisors).toEqual(labConfig().hypervisors);
    expect(r.skipped).toEqual([]);
  });
});
