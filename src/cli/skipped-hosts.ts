/**
 * Hosts discovery leaves out on purpose (the engine holds them in maintenance, non-responsive, ...) still belong
 * in the report: a fleet audit that silently shrinks hides the host nobody looks at. Each becomes a host entry
 * that was not contacted, with one skipped check naming the engine's status, so `summary.skipped` counts it
 * and the exit code does not change (DESIGN §2: skipped is not a failure).
 */
import type { SkippedHost } from '../engine-api/discovery.js';
import type { HostResult, RunReport } from '../result/model.js';
import { summarize } from '../result/summary.js';

export const ENGINE_STATUS_CHECK = 'engine-host-status';

export function skippedHostResult(host: SkippedHost): HostResult {
  const where = host.cluster ? ` in cluster ${host.cluster}` : '';
  const reason = `the engine reports the host as ${host.status}${where}; not contacted`;
  return {
    name: host.name,
    role: host.role,
    address: host.address,
    reachable: false,
    skipped: host.status,
    stats: { connections: 0, execs: 0 },
    checks: [
      {
        id: ENGINE_STATUS_CHECK,
        title: 'the engine reports the host as up',
        status: 'skipped',
        severity: 'info',
        findings: [],
        changes: [],
        durationMs: 0,
        reason,
      },
    ],
    handlers: [],
  };
}

export function withSkippedHosts(report: RunReport, skipped: readonly SkippedHost[]): RunReport {
  if (skipped.length === 0) return report;
  const hosts = [...report.hosts, ...skipped.map(skippedHostResult)];
  return { ...report, hosts, summary: summarize(hosts) };
}

/** The skipped hosts `--only` would have selected (role words as in config/resolve.ts, names, addresses). */
export function skippedInScope(skipped: readonly SkippedHost[], only: readonly string[] | undefined): SkippedHost[] {
  const wanted = (only ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (wanted.length === 0) return [...skipped];
  const roleWords = new Set(['hypervisor', 'hypervisors']);
  return skipped.filter((h) => wanted.some((w) => roleWords.has(w) || w === h.name || w.toLowerCase() === h.address.toLowerCase()));
}
