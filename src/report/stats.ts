/**
 * Counting and severity rules shared by every formatter, so human, nagios, junit and prometheus can never
 * disagree about what "failed" or "warn only" means.
 */
import type { Finding, Severity } from '../check-api.js';
import type { CheckResult, RunReport } from './model.js';

/** A finding's severity after defaulting to its check's (check-api: "Defaults to the check's severity"). */
export function effectiveSeverity(finding: Finding, check: Pick<CheckResult, 'severity'>): Severity {
  return finding.severity ?? check.severity;
}

/**
 * How bad a drifting check is: `error` if any of its non-info findings is error-severity, else `warn`.
 * A drift without non-info findings (should not happen: info never drifts) falls back to the check's severity.
 */
export function driftSeverity(check: CheckResult): 'error' | 'warn' {
  const relevant = check.findings.map((f) => effectiveSeverity(f, check)).filter((s) => s !== 'info');
  if (relevant.length === 0) return check.severity === 'warn' ? 'warn' : 'error';
  return relevant.includes('error') ? 'error' : 'warn';
}

export interface ReportCounts {
  hosts: number;
  unreachable: number;
  checks: number;
  ok: number;
  drift: number;
  fixed: number;
  skipped: number;
  error: number;
  /** drift + error: checks whose desired state is not (known to be) reached. */
  failed: number;
  changesPlanned: number;
  changesApplied: number;
  changesFailed: number;
  smokeFailed: number;
}

export function countReport(report: RunReport): ReportCounts {
  const counts: ReportCounts = {
    hosts: report.hosts.length,
    unreachable: 0,
    checks: 0,
    ok: 0,
    drift: 0,
    fixed: 0,
    skipped: 0,
    error: 0,
    failed: 0,
    changesPlanned: 0,
    changesApplied: 0,
    changesFailed: 0,
    smokeFailed: report.smoke?.stages.filter((s) => s.status === 'failed').length ?? 0,
  };
  for (const host of report.hosts) {
    if (!host.reachable && host.skipped === undefined) counts.unreachable += 1;
    for (const check of host.checks) {
      counts.checks += 1;
      counts[check.status] += 1;
      for (const change of check.changes) {
        if (change.status === 'planned') counts.changesPlanned += 1;
        else if (change.status === 'applied') counts.changesApplied += 1;
        else if (change.status === 'failed') counts.changesFailed += 1;
      }
    }
  }
  counts.failed = counts.drift + counts.error;
  return counts;
}

/** Hosts that have at least one planned change (what `apply` asks about). */
export function hostsWithPlannedChanges(report: RunReport): string[] {
  return report.hosts
    .filter((h) => h.checks.some((c) => c.changes.some((ch) => ch.status === 'planned')))
    .map((h) => h.name);
}

/** Seconds with millisecond precision, C locale (`1.234`), for nagios perfdata and prometheus. */
export function formatSeconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}
