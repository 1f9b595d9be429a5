/**
 * The exit code, decided once (DESIGN.md §2): every command ends in an {@link Outcome}, and `src/cli/main.ts`
 * turns it into the process's exit code with {@link decideExitCode}. Nothing else picks an exit code.
 *
 * DESIGN §2: 0 ok/converged, 1 drift (or a failed smoke stage), 2 usage/config error (nothing contacted),
 * 3 incomplete (unreachable host, errored check, internal error).
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
import { isUnreachable, type RunReport } from './model.js';
import { driftSeverity } from './severity.js';

/** How a command ended, before it becomes an exit code. */
export type Outcome =
  /** A run (check, apply, smoke) finished and rendered its report in `format`. */
  | { kind: 'report'; report: RunReport; format: string }
  /** A usage refusal that still produced output (apply off a terminal without --yes: planned only). */
  | { kind: 'refused'; format: string }
  /** A command with nothing to judge finished (image, init). */
  | { kind: 'done' }
  /**
   * An error ended the command; `exitCode` is the one its class in src/errors.ts declares (2 usage/config,
   * 3 incomplete/internal). `format` as far as it is known.
   */
  | { kind: 'failed'; exitCode: number; format?: string | undefined };

export type NagiosState = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';

export const NAGIOS_CODES: Record<NagiosState, 0 | 1 | 2 | 3> = { OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 };

/**
 * Exit code of a finished run per DESIGN §2, highest precedence first: 3 incomplete (unreachable host, errored
 * check), 1 drift remains or a smoke stage failed, 0 ok/converged.
 */
export function exitCodeFor(report: RunReport): 0 | 1 | 3 {
  // A failed handler (sshd not reloaded, engine not healthy) leaves a change inactive: the run is incomplete.
  const incomplete = report.hosts.some(
    (h) => isUnreachable(h) || h.checks.some((c) => c.status === 'error') || h.handlers.some((x) => x.status === 'failed'),
  );
  if (incomplete) return 3;
  const drift = report.hosts.some((h) => h.checks.some((c) => c.status === 'drift'));
  const smokeFailed = report.smoke?.stages.some((s) => s.status === 'failed') ?? false;
  if (drift || smokeFailed) return 1;
  return 0;
}

export function nagiosStateFor(report: RunReport): Exclude<NagiosState, 'UNKNOWN'> {
  const checks = report.hosts.flatMap((h) => h.checks);
  const critical =
    report.hosts.some((h) => isUnreachable(h) || h.handlers.some((x) => x.status === 'failed')) ||
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

/** The one exit decision: how a command ended → the process's exit code. */
export function decideExitCode(outcome: Outcome): number {
  switch (outcome.kind) {
    case 'report':
      return exitCodeForFormat(outcome.report, outcome.format);
    case 'refused':
      return usageExitCode(outcome.format);
    case 'done':
      return 0;
    case 'failed':
      // Under nagios every error is the plugin's own inability to check: UNKNOWN.
      return outcome.format === 'nagios' ? NAGIOS_CODES.UNKNOWN : outcome.exitCode;
  }
}
