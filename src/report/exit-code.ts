/**
 * Exit codes. The DESIGN §2 contract is `exitCodeFor` (model.ts): 0 ok, 1 drift, 2 usage/config, 3 incomplete.
 * With `--format nagios` the code follows the Nagios plugin API instead (conventions §5):
 *
 * | state        | code | when                                                                          |
 * | ------------ | ---- | ----------------------------------------------------------------------------- |
 * | OK           | 0    | every check ok, fixed or skipped; every smoke stage ok or skipped             |
 * | WARNING      | 1    | only drift whose findings are all warn-severity                               |
 * | CRITICAL     | 2    | an error-severity drift, an errored check, a failed smoke stage, **or an      |
 * |              |      | unreachable host** — unreachable is CRITICAL on purpose: an availability      |
 * |              |      | problem of a monitored host, not the plugin's own inability (conventions §5) |
 * | UNKNOWN      | 3    | the plugin could not check: usage or config error, internal error            |
 */
import { exitCodeFor, isUnreachable, type RunReport } from './model.js';
import { driftSeverity } from './stats.js';

export type NagiosState = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';

export const NAGIOS_CODES: Record<NagiosState, 0 | 1 | 2 | 3> = { OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 };

export function nagiosStateFor(report: RunReport): Exclude<NagiosState, 'UNKNOWN'> {
  const checks = report.hosts.flatMap((h) => h.checks);
  const critical =
    report.hosts.some(isUnreachable) ||
    checks.some((c) => c.status === 'error' || (c.status === 'drift' && driftSeverity(c) === 'error')) ||
    (report.smoke?.stages.some((s) => s.status === 'failed') ?? false);
  if (critical) return 'CRITICAL';
  return checks.some((c) => c.status === 'drift') ? 'WARNING' : 'OK';
}

/** Exit code of a finished run for the chosen output format. */
export function exitCodeForFormat(report: RunReport, format: string): 0 | 1 | 2 | 3 {
  return format === 'nagios' ? NAGIOS_CODES[nagiosStateFor(report)] : exitCodeFor(report);
}

/** Exit code of a usage/config error (nothing was contacted): 2, or UNKNOWN under nagios. */
export function usageExitCode(format: string | undefined): 2 | 3 {
  return format === 'nagios' ? 3 : 2;
}
