/**
 * `discover:` through the real CLI with fakes: the engine's inventory is read once before the run, the runner gets
 * the engine's hosts as hypervisors, a host in maintenance is in the report as skipped (not unreachable), and the
 * exit code stays 0 — also under nagios.
 */
import { describe, expect, it } from 'vitest';
import type { EngineInventory } from '../../../src/check-api.js';
import type { RunReport } from '../../../src/result/model.js';
import type { RunOptions } from '../../../src/runner/run.js';
import { labConfig } from '../../support/check-harness.js';
import { runCli } from './harness.js';

const inventory: EngineInventory = {
  fetchedAt: '2026-12-03T09:00:00.000Z',
  clusters: [{ id: 'c1', name: 'Default', version: '4.7', biosType: 'q35_ovmf' }],
  hosts: [
    { id: 'h1', name: 'hv1', address: '127.0.1.11', status: 'up', clusterId: 'c1', clusterName: 'Default', hooks: [] },
    { id: 'h2', name: 'hv2', address: '127.0.1.12', status: 'maintenance', clusterId: 'c1', clusterName: 'Default', hooks: [] },
  ],
  vms: [],
};

function okReport(options: RunOptions): RunReport {
  const hosts = [
    ...(options.config.manager ? [{ name: 'mgr', role: 'manager' as const, address: options.config.manager.host }] : []),
    ...options.config.hypervisors.map((h) => ({ name: h.name, role: 'hypervisor' as const, address: h.host })),
  ].map((h) => ({
    ...h,
    reachable: true,
    stats: { connections: 1, execs: 1 },
    handlers: [],
    checks: [{ id: 'x', title: 'x', status: 'ok' as const, severity: 'error' as const, findings: [], changes: [], durationMs: 1 }],
  }));
  return {
    schemaVersion: 1,
    tool: { name: 'ovirt-floppy', version: '0' },
    command: 'check',
    startedAt: '',
    durationMs: 1,
    summary: { ok: hosts.length, drift: 0, fixed: 0, skipped: 0, error: 0 },
    hosts,
  };
}

describe('check with discover: {}', () => {
  const config = {
    ...labConfig(),
    hypervisors: [],
    discover: {},
    engineApi: { url: 'https://127.0.1.10/ovirt-engine/api', user: 'admin@internal', passwordEnv: 'X' },
  };
  let reads = 0;
  const deps = {
    loadConfig: () => ({ config, warnings: [], file: '/etc/ovirt-floppy.yaml' }),
    engineInventorySource: async () => async () => {
      reads += 1;
      return inventory;
    },
    run: async (options: RunOptions) => okReport(options),
  };

  it("runs on the engine's up hosts; the host in maintenance is reported skipped and the exit code is 0", async () => {
    reads = 0;
    const r = await runCli(['check', '--format', 'json'], deps);
    expect(r.code).toBe(0);
    expect(reads).toBe(1);
    expect(r.runCalls[0]!.config.hypervisors).toEqual([{ host: '127.0.1.11', name: 'hv1' }]);
    expect(r.runCalls[0]!.engineInventory).toBe(inventory);
    const report = JSON.parse(r.stdout) as RunReport;
    expect(report.hosts.find((h) => h.name === 'hv2')).toMatchObject({
      reachable: false,
      skipped: 'maintenance',
      checks: [
        {
          id: 'engine-host-status',
          status: 'skipped',
          reason: 'the engine reports the host as maintenance in cluster Default; not contacted',
        },
      ],
    });
    expect(report.summary).toMatchObject({ ok: 2, skipped: 1, error: 0 });
  });

  it('nagios says OK (a skipped host is not an unreachable one); --only manager leaves the skipped hypervisor out', async () => {
    const nagios = await runCli(['check', '--format', 'nagios'], deps);
    expect(nagios.code).toBe(0);
    expect(nagios.stdout).not.toContain('unreachable=1');
    const only = await runCli(['check', '--format', 'json', '--only', 'manager'], deps);
    expect((JSON.parse(only.stdout) as RunReport).hosts.map((h) => h.name)).not.toContain('hv2');
  });
});
