// The prometheus output and the shipped alert rules pass Prometheus's own linter (issue #16 item 3). promtool
// comes from Debian's `prometheus` package, which .ci/run installs: a missing promtool fails this test, it
// never skips (the monitoring kit would otherwise ship unchecked).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPrometheus } from '../../../src/report/prometheus.js';
import type { RunReport } from '../../../src/result/model.js';
import { check, finding, host, mixedReport, report } from './sample-report.js';

const DOCS = join(import.meta.dirname, '../../../docs/monitoring');

function promtool(args: string[], input?: string) {
  const r = spawnSync('promtool', args, { input, encoding: 'utf8', cwd: DOCS });
  if (r.error) throw new Error(`promtool is needed (Debian package "prometheus", installed by .ci/run): ${r.error.message}`);
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Every metric family the formatter can write: checks, findings, payload age, run gauges, history, smoke. */
function everyMetric(): RunReport {
  const base = mixedReport();
  const sftp = host('nfs1', 'sftp', [
    check('sftp-stale-images', 'drift', {
      severity: 'warn',
      findings: [finding('stale-image', { message: 'a.vfd is 2 d old' })],
      measurements: { 'oldest-payload-age-seconds': 172800 },
    }),
    check('sftp-sshd-chroot', 'drift', {
      findings: [finding('transfer-log-off', { severity: 'warn' }), finding('chroot-directory'), finding('x', { severity: 'info' })],
    }),
  ]);
  return {
    ...report([...base.hosts, sftp], { smoke: { stages: [{ name: 'upload', status: 'ok', durationMs: 5, message: 'ok' }] } }),
    sinceLastRun: {
      lastRunAt: '2026-01-01T00:00:00.000Z',
      new: [{ host: 'nfs1', check: 'sftp-sshd-chroot', since: '2026-01-02T03:04:05.000Z' }],
      fixed: [{ host: 'sftp', check: 'upload-user', since: '2026-01-01T00:00:00.000Z' }],
      persisting: [{ host: 'nfs1', check: 'sftp-stale-images', since: '2026-01-01T00:00:00.000Z' }],
    },
  };
}

describe('promtool', () => {
  it('check metrics: the prometheus output of a report with every metric family passes the linter', () => {
    const text = renderPrometheus(everyMetric());
    for (const name of [
      'ovirt_floppy_findings{',
      'ovirt_floppy_run_success{',
      'ovirt_floppy_oldest_payload_age_seconds{',
      'ovirt_floppy_since_last_run_checks{',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toContain('ovirt_floppy_findings{host="nfs1",check="sftp-sshd-chroot",severity="warn"} 1');
    expect(text).toContain('ovirt_floppy_findings{host="nfs1",check="sftp-sshd-chroot",severity="error"} 1');
    expect(text).toContain('ovirt_floppy_oldest_payload_age_seconds{host="nfs1"} 172800');
    const r = promtool(['check', 'metrics'], text);
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  });

  it('check metrics fails on a broken exposition (the test can fail)', () => {
    const r = promtool(['check', 'metrics'], '# TYPE x gauge\nx{a="1" 1\n');
    expect(r.code).not.toBe(0);
  });

  it('check rules and test rules: the shipped alert rules load and fire as documented', () => {
    const checked = promtool(['check', 'rules', 'ovirt-floppy.rules.yml']);
    expect(checked.out).toContain('SUCCESS: 6 rules found');
    expect(checked.code).toBe(0);
    const tested = promtool(['test', 'rules', 'ovirt-floppy.rules.test.yml']);
    expect(tested.out).toContain('SUCCESS');
    expect(tested.code).toBe(0);
  });

  it('the rules use only metrics the formatter writes', () => {
    const written = new Set([...renderPrometheus(everyMetric()).matchAll(/^# TYPE (\S+) gauge$/gm)].map((m) => m[1]));
    const rules = readFileSync(join(DOCS, 'ovirt-floppy.rules.yml'), 'utf8');
    const used = new Set([...rules.matchAll(/\b(ovirt_floppy_[a-z_]+)/g)].map((m) => m[1]));
    for (const name of used) expect(written, name).toContain(name);
  });
});
