import { describe, expect, it } from 'vitest';
import type { CheckResult, HostResult, RunReport } from '../../../src/result/model.js';
import { summarize } from '../../../src/result/summary.js';
import type { RunOptions } from '../../../src/runner/run.js';
import { runPreflightStage } from '../../../src/smoke/stage-preflight.js';
import type { SmokeDeps, SmokeState } from '../../../src/smoke/types.js';
import { FakeConnector, smokeConfig } from './support.js';

function check(id: string, status: CheckResult['status'], message?: string, reason?: string): CheckResult {
  return {
    id,
    title: `${id} title`,
    status,
    severity: 'error',
    changes: [],
    durationMs: 1,
    findings: message
      ? [
          { code: 'x', message, severity: 'info' },
          { code: 'y', message },
        ]
      : [],
    ...(reason ? { reason } : {}),
  };
}

function host(name: string, checks: CheckResult[], reachable = true): HostResult {
  return {
    name,
    role: 'hypervisor',
    address: '127.0.1.11',
    reachable,
    ...(reachable ? {} : { error: 'refused: connect ECONNREFUSED' }),
    stats: { connections: 1, execs: 1 },
    checks,
    handlers: [],
  };
}

function report(hosts: HostResult[]): RunReport {
  return {
    schemaVersion: 1,
    tool: { name: 'ovirt-floppy', version: '0' },
    command: 'check',
    startedAt: '',
    durationMs: 1,
    summary: summarize(hosts),
    hosts,
  };
}

function deps(result: RunReport, calls: RunOptions[]): SmokeDeps {
  return {
    connector: new FakeConnector(),
    registry: { checks: [], crossHostChecks: [], handlers: [] },
    runChecks: async (options) => {
      calls.push(options);
      return result;
    },
  };
}

describe('preflight stage', () => {
  const input = { config: smokeConfig(), acceptNewHostKeys: true };

  it('runs the checks of every role with command check and passes when none drifts', async () => {
    const calls: RunOptions[] = [];
    const state: SmokeState = {};
    const r = report([host('hv1', [check('a', 'ok'), check('b', 'skipped')]), host('hv2', [check('a', 'ok')])]);
    const outcome = await runPreflightStage(input, deps(r, calls), state);
    expect(outcome).toEqual({ status: 'ok', message: '3 checks on 2 hosts pass (1 skipped)' });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ command: 'check', dryRun: false, acceptNewHostKeys: true, config: input.config });
    expect(calls[0]!.only).toBeUndefined();
    expect(state.preflightReport).toBe(r);
  });

  it('fails listing each drifting or errored check with its first non-info finding, and unreachable hosts', async () => {
    const r = report([
      host('sftp', [check('sftp-authorized-keys', 'drift', 'authorized_keys lacks the key'), check('sftp-chroot-path', 'ok')]),
      host('hv1', [check('hypervisor-hook-files', 'error', undefined, 'cannot parse stat')]),
      host('hv2', [], false),
    ]);
    const outcome = await runPreflightStage(input, deps(r, []), {});
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toBe(
      '3 not ok: sftp sftp-authorized-keys, hv1 hypervisor-hook-files, hv2 (unreachable) — fix them first (`ovirt-floppy apply`)',
    );
    expect(outcome.details).toEqual([
      'sftp sftp-authorized-keys: drift: authorized_keys lacks the key',
      'hv1 hypervisor-hook-files: error: cannot parse stat',
      'hv2: unreachable: refused: connect ECONNREFUSED',
    ]);
  });

  it('shortens a long list in the message but keeps every problem in the details', async () => {
    const r = report([
      host(
        'hv1',
        ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => check(id, 'drift', `${id} is wrong`)),
      ),
    ]);
    const outcome = await runPreflightStage(input, deps(r, []), {});
    expect(outcome.message).toContain('6 not ok: hv1 a, hv1 b, hv1 c, hv1 d, 2 more');
    expect(outcome.details).toHaveLength(6);
  });
});
