/**
 * Every manager and hypervisor check over whole-host captures of the stock default lab (facts and probes from one
 * script each: fixtures hypervisor-vdsm-installed/lab-hv*-stock-host.json, manager-engine-installed/lab-mgr-stock-host.json,
 * captured with test/support/capture-probes.ts),
 * evaluated the way the runner does (src/runner: parseHostFacts, parseObservations, evaluateCheck in list order).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hypervisorChecks } from '../../../checks/list-hypervisor.js';
import { managerChecks } from '../../../checks/list-manager.js';
import type { Check } from '../../../src/check-api.js';
import type { Config } from '../../../src/config/types.js';
import type { CheckResult } from '../../../src/result/model.js';
import { evaluateCheck } from '../../../src/runner/evaluate.js';
import { parseHostFacts } from '../../../src/runner/host-facts.js';
import { buildProbe, parseObservations, scriptCommands } from '../../../src/runner/probe-host.js';
import type { ProbeOutput } from '../../../src/runner/probe-script.js';
import { makeContext } from '../../support/check-harness.js';

function evaluateHost(file: string, checks: Check<any, Config>[], host: { name: string; role: 'manager' | 'hypervisor'; address: string }) {
  const outputs = new Map(
    Object.entries(
      JSON.parse(readFileSync(new URL(`../../fixtures/outputs/${file}`, import.meta.url), 'utf8')) as Record<string, ProbeOutput>,
    ),
  );
  // The lab's config adds the fstype its bind mounts report (docs/dev/team-contract.md).
  const ctx = { ...makeContext({ host, config: { floppy: { sharedFsTypes: ['nfs', 'nfs4', 'ext4'] } } }), facts: parseHostFacts(outputs) };
  const items = checks.map((c) => buildProbe(c, ctx));
  // The runner runs an identical command once per host and hands its output to every check that asked (probe-script.ts);
  // a capture older than a check that shares a command gets that output the same way.
  const commands = scriptCommands(items);
  for (const { key, command } of commands) {
    const twin = commands.find((c) => c.command === command && outputs.has(c.key));
    if (!outputs.has(key) && twin) outputs.set(key, outputs.get(twin.key)!);
  }
  const observations = parseObservations(items, outputs);
  const results = new Map<string, CheckResult>();
  for (const c of checks) results.set(c.id, evaluateCheck(c as Check<unknown, Config>, observations.get(c.id), ctx, results).result);
  return [...results.values()].map((r) => [r.id, r.status, r.findings.map((f) => f.code).join(','), r.changes.length]);
}

describe('stock default lab', () => {
  it('mgr: both payload properties (auto) drift on all six levels, one write each, engine healthy, no engineApi', () => {
    expect(
      evaluateHost('manager-engine-installed/lab-mgr-stock-host.json', managerChecks, {
        name: 'mgr',
        role: 'manager',
        address: '127.0.1.10',
      }),
    ).toEqual([
      ['manager-engine-installed', 'ok', 'engine-version', 0],
      ['manager-floppy-regex', 'ok', '', 0],
      [
        'manager-floppy-property',
        'drift',
        [1, 2, 3, 4, 5, 6].map((level) => `${level === 5 ? 'floppy-differs' : 'floppy-missing'},cd-property-missing`).join(','),
        6,
      ],
      ['manager-engine-healthy', 'ok', '', 0],
      // No engineApi: the restart-pending marker (captured: none on a stock manager), so only ovirt-floppy's changes count.
      ['manager-engine-restart-pending', 'ok', 'restart-pending-scope', 0],
      ['manager-engine-hosts', 'skipped', '', 0],
      ['manager-engine-host-hooks', 'skipped', '', 0],
      ['manager-payload-exposure', 'skipped', '', 0],
    ]);
  });

  it('hv1 (SELinux disabled): hook package to install, floppy directory not there yet', () => {
    expect(
      evaluateHost('hypervisor-vdsm-installed/lab-hv1-stock-host.json', hypervisorChecks, {
        name: 'hv1',
        role: 'hypervisor',
        address: '127.0.1.11',
      }),
    ).toEqual([
      ['hypervisor-vdsm-installed', 'ok', 'vdsm-version', 0],
      ['hypervisor-hook-package', 'drift', 'hook-package-missing', 1],
      ['hypervisor-bundled-hook', 'skipped', '', 0],
      // Planned as if the package were installed (deferred by the runner until a re-probe sees it).
      ['hypervisor-hook-files', 'drift', 'hook-file-missing,hook-file-missing', 1],
      ['hypervisor-hook-checksum', 'skipped', '', 0],
      ['hypervisor-floppy-capable', 'ok', 'floppy-supported', 0],
      ['hypervisor-payload-device', 'ok', 'payload-device', 0],
      ['hypervisor-payload-chipset', 'skipped', '', 0],
      ['hypervisor-selinux', 'ok', 'selinux-not-enforcing', 0],
      ['hypervisor-floppy-mount', 'drift', 'floppy-dir-missing', 0],
      ['hypervisor-floppy-access', 'skipped', '', 0],
    ]);
  });

  it('hv2 (enforcing, virt_use_nfs off): also setsebool', () => {
    const rows = evaluateHost('hypervisor-vdsm-installed/lab-hv2-stock-host.json', hypervisorChecks, {
      name: 'hv2',
      role: 'hypervisor',
      address: '127.0.1.12',
    });
    expect(rows.find((r) => r[0] === 'hypervisor-selinux')).toEqual(['hypervisor-selinux', 'drift', 'virt-use-nfs-off', 1]);
  });
});
