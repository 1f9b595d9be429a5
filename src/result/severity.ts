/**
 * The severity rules, once: what a finding's severity is, which findings make a check drift, how bad a check
 * or a drift is. The runner (evaluate, cross-host, convergence) and every formatter read them from here.
 */
import type { Finding, Severity } from '../check-api.js';
import type { CheckResult } from './model.js';

const RANK: Record<Severity, number> = { info: 0, warn: 1, error: 2 };

/** A finding's severity after defaulting to its check's (check-api: "Defaults to the check's severity"). */
export function findingSeverity(finding: Finding, fallback: Severity): Severity {
  return finding.severity ?? fallback;
}

/** {@link findingSeverity} with the check's severity as the fallback. */
export function effectiveSeverity(finding: Finding, check: Pick<CheckResult, 'severity'>): Severity {
  return findingSeverity(finding, check.severity);
}

/** Findings that make a check drift: everything but `info`. */
export function actionable(findings: readonly Finding[], fallback: Severity): Finding[] {
  return findings.filter((f) => findingSeverity(f, fallback) !== 'info');
}

/** The worst severity among the findings, or the fallback when there are none. */
export function worstSeverity(findings: readonly Finding[], fallback: Severity): Severity {
  let worst: Severity | undefined;
  for (const f of findings) {
    const s = findingSeverity(f, fallback);
    if (!worst || RANK[s] > RANK[worst]) worst = s;
  }
  return worst ?? fallback;
}

/**
 * How bad a drifting check is: `error` if any of its non-info findings is error-severity, else `warn`.
 * A drift without non-info findings (should not happen: info never drifts) falls back to the check's severity.
 */
export function driftSeverity(check: CheckResult): 'error' | 'warn' {
  const relevant = actionable(check.findings, check.severity);
  if (relevant.length === 0) return check.severity === 'warn' ? 'warn' : 'error';
  return worstSeverity(relevant, check.severity) === 'error' ? 'error' : 'warn';
}
