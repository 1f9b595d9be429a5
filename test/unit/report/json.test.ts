import { describe, expect, it } from 'vitest';
import { renderJson, toJsonReport } from '../../../src/report/json.js';
import { change, check, finding, host, mixedReport, report } from './sample-report.js';

describe('JSON report', () => {
  it('has the DESIGN §2 shape, with resolved severities and no undefined keys', () => {
    const r = report(
      [
        host(
          'mgr',
          'manager',
          [
            check('engine-floppy-property', 'drift', {
              findings: [finding('property-missing', { expected: 'floppy=x', actual: '' })],
              changes: [change('add floppy', 'planned', { diff: '-a\n+b\n', notify: 'restart-engine' })],
            }),
            check('engine-healthy', 'skipped', {
              severity: 'warn',
              reason: 'needs engine-floppy-property',
              findings: [finding('n', { severity: 'info', fixable: false })],
            }),
          ],
          { handlers: [{ name: 'restart-engine', status: 'failed', error: 'timed out', durationMs: 5 }] },
        ),
        host('hv1', 'hypervisor', [], { reachable: false, error: 'hv1: timeout: no answer', stats: { connections: 0, execs: 0 } }),
      ],
      {
        command: 'apply',
        dryRun: true,
        smoke: { stages: [{ name: 'upload', status: 'failed', durationMs: 3, message: 'refused', details: ['a'] }] },
      },
    );
    expect(JSON.parse(renderJson(r))).toEqual({
      schemaVersion: 1,
      tool: { name: 'ovirt-floppy', version: '0.1.0' },
      command: 'apply',
      dryRun: true,
      startedAt: '2026-01-02T03:04:05.000Z',
      durationMs: 1234,
      summary: { ok: 0, drift: 1, fixed: 0, skipped: 1, error: 0 },
      hosts: [
        {
          name: 'mgr',
          role: 'manager',
          address: '10.0.0.3',
          reachable: true,
          stats: { connections: 1, execs: 1 },
          checks: [
            {
              id: 'engine-floppy-property',
              title: 'engine-floppy-property holds',
              status: 'drift',
              severity: 'error',
              findings: [
                {
                  code: 'property-missing',
                  severity: 'error',
                  message: 'property-missing message',
                  expected: 'floppy=x',
                  actual: '',
                  fixable: true,
                },
              ],
              changes: [{ describe: 'add floppy', status: 'planned', notify: 'restart-engine', diff: '-a\n+b\n' }],
              durationMs: 12,
            },
            {
              id: 'engine-healthy',
              title: 'engine-healthy holds',
              status: 'skipped',
              severity: 'warn',
              reason: 'needs engine-floppy-property',
              findings: [{ code: 'n', severity: 'info', message: 'n message', fixable: false }],
              changes: [],
              durationMs: 12,
            },
          ],
          handlers: [{ name: 'restart-engine', status: 'failed', error: 'timed out', durationMs: 5 }],
        },
        {
          name: 'hv1',
          role: 'hypervisor',
          address: '10.0.0.3',
          reachable: false,
          error: 'hv1: timeout: no answer',
          stats: { connections: 0, execs: 0 },
          checks: [],
          handlers: [],
        },
      ],
      smoke: { stages: [{ name: 'upload', status: 'failed', durationMs: 3, message: 'refused', details: ['a'] }] },
    });
  });

  it('keeps a stable key order at every level', () => {
    const json = toJsonReport(mixedReport()) as Record<string, any>;
    expect(Object.keys(json)).toEqual(['schemaVersion', 'tool', 'command', 'startedAt', 'durationMs', 'summary', 'hosts']);
    expect(Object.keys(json.summary)).toEqual(['ok', 'drift', 'fixed', 'skipped', 'error']);
    expect(Object.keys(json.hosts[1])).toEqual(['name', 'role', 'address', 'reachable', 'stats', 'checks', 'handlers']);
    expect(Object.keys(json.hosts[2])).toEqual(['name', 'role', 'address', 'reachable', 'error', 'stats', 'checks', 'handlers']);
    expect(Object.keys(json.hosts[0].checks[0])).toEqual(['id', 'title', 'status', 'severity', 'findings', 'changes', 'durationMs']);
    expect(Object.keys(json.hosts[0].checks[0].findings[0])).toEqual(['code', 'severity', 'message', 'expected', 'actual', 'fixable']);
    // Same input, same bytes: diffable between runs.
    expect(renderJson(mixedReport())).toBe(renderJson(mixedReport()));
    expect(renderJson(mixedReport()).endsWith('}\n')).toBe(true);
  });

  it('drops anything not in the documented shape, so nothing secret can ride along', () => {
    const r = mixedReport();
    const smuggled = r.hosts[0] as unknown as Record<string, unknown>;
    smuggled.config = { engineApi: { password: 'hunter2' } };
    (r.hosts[0]!.checks[0] as unknown as Record<string, unknown>).observed = { secret: 'hunter2' };
    (r.hosts[0]!.checks[0]!.findings[0] as unknown as Record<string, unknown>).raw = 'hunter2';
    (r as unknown as Record<string, unknown>).options = { password: 'hunter2' };
    expect(renderJson(r)).not.toContain('hunter2');
  });
});
