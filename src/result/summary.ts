/**
 * Counting shared by the runner, the CLI and every formatter, so human, nagios, junit and prometheus can never
 * disagree about what "failed" means.
 */
import type { HostResult, RunReport, Summary } from './model.js';

/** Count check statuses over all hosts (the report's `summary`). */
export function summarize(hosts: HostResult[]): Summary {
  const summary: Summary = { ok: 0, drift: 0, fixed: 0, skipped: 0, error: 0 };
  for (const host of hosts) for (const check of host.checks) summary[check.status] += 1;
  return summary;
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
  return report.hosts.filter((h) => h.checks.some((c) => c.changes.some((ch) => ch.status === 'planned'))).map((h) => h.name);
}
