/**
 * node_exporter textfile-collector output (conventions §5): text exposition format, gauges only (a run is a
 * snapshot; goss#867 shows why counters are wrong here), no timestamps, ends with a newline. Write it with
 * `--output x.prom` (atomic rename, write-output.ts) so the exporter never reads half a file.
 *
 * Per check: `ovirt_floppy_check_ok{host,role,check}` is 1 for ok/fixed and 0 for drift/error; a skipped check
 * has no `check_ok` sample (it was not evaluated, alerting on it would be noise) but does have its one-hot
 * `ovirt_floppy_check_status{...,status="skipped"} 1`. Run-level gauges carry a `command` label so `check` and
 * `apply` may write files in the same directory without duplicate series.
 */
import type { Status } from '../check-api.js';
import type { RunReport } from '../result/model.js';
import { exitCodeFor } from '../result/exit-code.js';
import { effectiveSeverity } from '../result/severity.js';
import { countReport } from '../result/summary.js';

type Labels = Record<string, string>;

interface Metric {
  name: string;
  help: string;
  samples: { labels: Labels; value: number }[];
}

const STATUSES: Status[] = ['ok', 'drift', 'fixed', 'skipped', 'error'];

/** Label values escape backslash, double quote and newline (exposition format). */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escapes backslash and newline. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  return String(value);
}

function renderMetric(metric: Metric): string[] {
  if (metric.samples.length === 0) return [];
  const lines = [`# HELP ${metric.name} ${escapeHelp(metric.help)}`, `# TYPE ${metric.name} gauge`];
  for (const { labels, value } of metric.samples) {
    const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
    lines.push(`${metric.name}${pairs.length ? `{${pairs.join(',')}}` : ''} ${formatValue(value)}`);
  }
  return lines;
}

function checkMetrics(report: RunReport): Metric[] {
  const ok: Metric = {
    name: 'ovirt_floppy_check_ok',
    help: 'Whether the check holds (1) or not (0) after this run; no sample when skipped.',
    samples: [],
  };
  const status: Metric = {
    name: 'ovirt_floppy_check_status',
    help: 'Status of the check in this run, one-hot over ok, drift, fixed, skipped, error.',
    samples: [],
  };
  const reachable: Metric = {
    name: 'ovirt_floppy_host_reachable',
    help: 'Whether the host could be contacted over SSH in this run.',
    samples: [],
  };
  for (const host of report.hosts) {
    reachable.samples.push({ labels: { host: host.name, role: host.role }, value: host.reachable ? 1 : 0 });
    for (const check of host.checks) {
      const labels = { host: host.name, role: host.role, check: check.id };
      if (check.status !== 'skipped') ok.samples.push({ labels, value: check.status === 'ok' || check.status === 'fixed' ? 1 : 0 });
      for (const s of STATUSES) status.samples.push({ labels: { ...labels, status: s }, value: check.status === s ? 1 : 0 });
    }
  }
  return [ok, status, reachable, findingMetric(report), payloadAgeMetric(report)];
}

/** Non-info findings per (host, check, severity) in this run: what to alert on, by how bad it is. */
function findingMetric(report: RunReport): Metric {
  const metric: Metric = {
    name: 'ovirt_floppy_findings',
    help: 'Findings (error or warn severity) of the check in this run; 0 samples are not written.',
    samples: [],
  };
  for (const host of report.hosts) {
    for (const check of host.checks) {
      if (check.status !== 'drift' && check.status !== 'error') continue;
      const counts = new Map<string, number>();
      for (const f of check.findings) {
        const severity = effectiveSeverity(f, check);
        if (severity !== 'info') counts.set(severity, (counts.get(severity) ?? 0) + 1);
      }
      // An errored check has no findings; it still is one error to alert on.
      if (check.status === 'error' && counts.size === 0) counts.set('error', 1);
      for (const [severity, n] of counts) metric.samples.push({ labels: { host: host.name, check: check.id, severity }, value: n });
    }
  }
  return metric;
}

/** sftp-stale-images measures the oldest image in the private directory: how long a secret has been lying around. */
function payloadAgeMetric(report: RunReport): Metric {
  const metric: Metric = {
    name: 'ovirt_floppy_oldest_payload_age_seconds',
    help: 'Age of the oldest image in the floppy directory (0 when empty).',
    samples: [],
  };
  for (const host of report.hosts) {
    for (const check of host.checks) {
      const age = check.measurements?.['oldest-payload-age-seconds'];
      if (age !== undefined) metric.samples.push({ labels: { host: host.name }, value: age });
    }
  }
  return metric;
}

function runMetrics(report: RunReport): Metric[] {
  const c = countReport(report);
  const labels = { command: report.command };
  const endSeconds = (Date.parse(report.startedAt) + report.durationMs) / 1000;
  const one = (name: string, help: string, value: number): Metric => ({ name, help, samples: [{ labels, value }] });
  const metrics = [
    one(
      'ovirt_floppy_run_success',
      'Whether the run ended with exit status 0 (everything ok or converged).',
      exitCodeFor(report) === 0 ? 1 : 0,
    ),
    one('ovirt_floppy_last_run_timestamp_seconds', 'Unix time at which the run ended.', endSeconds),
    one('ovirt_floppy_run_duration_seconds', 'Wall-clock duration of the run.', report.durationMs / 1000),
    one('ovirt_floppy_changes_applied', 'Changes applied by this run (0 for check and dry runs).', c.changesApplied),
  ];
  if (report.smoke) {
    const samples = report.smoke.stages.map((s) => ({ labels: { stage: s.name }, value: s.status === 'ok' ? 1 : 0 }));
    metrics.push({ name: 'ovirt_floppy_smoke_stage_ok', help: 'Whether the smoke-test stage passed (skipped counts as 0).', samples });
  }
  return metrics;
}

/** `--state`: since when each failing check fails, and how many checks are new, fixed, still failing. */
function historyMetrics(report: RunReport): Metric[] {
  const s = report.sinceLastRun;
  if (!s) return [];
  const roles = new Map(report.hosts.map((h) => [h.name, h.role]));
  const since: Metric = {
    name: 'ovirt_floppy_check_failing_since_timestamp_seconds',
    help: 'Unix time of the first run (with this state file) in which the check was failing; only failing checks.',
    samples: [...s.new, ...s.persisting].map((e) => ({
      labels: { host: e.host, role: roles.get(e.host) ?? '', check: e.check },
      value: Date.parse(e.since) / 1000,
    })),
  };
  const counts: Metric = {
    name: 'ovirt_floppy_since_last_run_checks',
    help: 'Checks that are newly failing, fixed, or still failing compared with the last run.',
    samples: (['new', 'fixed', 'persisting'] as const).map((change) => ({
      labels: { command: report.command, change },
      value: s[change].length,
    })),
  };
  return [since, counts];
}

/** The textfile, newline-terminated; every metric's HELP/TYPE appears once, before its samples. */
export function renderPrometheus(report: RunReport): string {
  const lines = [...checkMetrics(report), ...runMetrics(report), ...historyMetrics(report)].flatMap(renderMetric);
  return `${lines.join('\n')}\n`;
}
