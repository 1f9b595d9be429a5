import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderBreakdown, setupBreakdown, type ApplyReportJson } from '../../../bench/setup-breakdown.js';

// `apply --yes --format json` on a stock bench fleet of 2 hypervisors (captured 2026-12-03, bench/lab.ts fleet).
const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'apply-setup-2hv.json');
const report = JSON.parse(fs.readFileSync(fixture, 'utf8')) as ApplyReportJson;

describe('setup breakdown from the apply JSON report', () => {
  it('counts applied steps per step kind and host, from a real setup report', () => {
    const b = setupBreakdown(report);
    expect(b.stepsApplied).toBe(19);
    expect(b.stepsFailed).toBe(0);
    expect(b.hostsChanged).toBe(4);
    const kind = (check: string, verb: string) => b.steps.find((k) => k.check === check && k.verb === verb);
    expect(kind('manager-floppy-property', 'set')).toMatchObject({ role: 'manager', applied: 6, hosts: 1, totalMs: null });
    expect(kind('hypervisor-hook-package', 'install')).toMatchObject({ role: 'hypervisor', applied: 2, hosts: 2 });
    expect(kind('hypervisor-selinux', 'turn')).toMatchObject({ applied: 1, hosts: 1 });
    expect(kind('sftp-bind-mount', 'mount')).toMatchObject({ role: 'sftp', applied: 1 });
  });

  it('a report of an older tool (no step durations): times the handlers and says the steps are not timed', () => {
    const b = setupBreakdown(report);
    expect(b.handlers.map((h) => [h.role, h.name, h.runs, h.failed])).toEqual([
      ['manager', 'restart-engine', 1, 0],
      ['sftp', 'reload-sshd', 1, 0],
    ]);
    expect(b.handlers[0]!.totalMs).toBe(4281);
    expect(b.handlerTotalMs).toBe(4281 + 671);
    expect(b.stepDurationsInReport).toBe(false);
    expect(b.note).toMatch(/a tool older than changes\[\]\.durationMs/);
    expect(renderBreakdown(b).join('\n')).toMatch(/manager \/ restart-engine\s+1\s+4\.3\s+4\.3\s+4\.3/);
  });

  it('sums step durations per kind once the report carries changes[].durationMs', () => {
    const timed: ApplyReportJson = JSON.parse(JSON.stringify(report));
    for (const h of timed.hosts) for (const c of h.checks) for (const x of c.changes) x.durationMs = 100;
    const b = setupBreakdown(timed);
    expect(b.stepDurationsInReport).toBe(true);
    expect(b.steps.find((k) => k.check === 'manager-floppy-property')!.totalMs).toBe(600);
    expect(b.steps[0]!.totalMs).toBe(600); // largest first
  });

  it('counts failed steps and failed handlers', () => {
    const failed: ApplyReportJson = {
      durationMs: 10,
      hosts: [
        {
          name: 'hv1',
          role: 'hypervisor',
          checks: [
            {
              id: 'hypervisor-selinux',
              status: 'error',
              changes: [
                { describe: 'turn on SELinux boolean virt_use_nfs persistently', status: 'failed' },
                { describe: 'x', status: 'not-run' },
              ],
            },
          ],
          handlers: [{ name: 'reload-sshd', status: 'failed', durationMs: 7 }],
        },
      ],
    };
    const b = setupBreakdown(failed);
    expect(b).toMatchObject({ stepsApplied: 0, stepsFailed: 1, hostsChanged: 1 });
    expect(b.handlers[0]).toMatchObject({ failed: 1, totalMs: 7, medianMs: 7, maxMs: 7 });
  });
});
