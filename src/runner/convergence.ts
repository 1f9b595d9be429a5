/**
 * What a host's check results say after apply rounds: changes applied in earlier rounds stay on the result,
 * a check whose steps ran and that is now ok is `fixed`, one that still drifts in what apply was supposed to fix
 * did not converge (an error), and a failed step makes its check an error.
 */
import type { ChangeRecord, CheckResult, HandlerRecord } from '../result/model.js';
import { actionable } from '../result/severity.js';

/** Changes applied in earlier rounds stay on the check's result, whatever the re-probe says. */
export function mergeApplied(results: Map<string, CheckResult>, applied: ReadonlyMap<string, ChangeRecord[]>): Map<string, CheckResult> {
  for (const [id, records] of applied) {
    const result = results.get(id);
    if (!result) continue;
    // A step already recorded (applied, failed, not run) is listed once, with what happened to it.
    const stillPlanned = result.status === 'drift' ? result.changes.filter((c) => !records.some((r) => r.describe === c.describe)) : [];
    result.changes = [...records, ...stillPlanned];
  }
  return results;
}

/**
 * A failed handler is a failed run (DESIGN "a failed handler is a failed run"): the change of a check that
 * notified it was made but never activated (sshd not reloaded: the upload user may be unconfined; the engine not
 * healthy), so that check is an error, whatever the re-probe of the files says.
 */
function failedHandlerFor(records: readonly ChangeRecord[], handlers: readonly HandlerRecord[]): HandlerRecord | undefined {
  return handlers.find((h) => h.status === 'failed' && records.some((r) => r.status === 'applied' && r.notify === h.name));
}

/** Turn the last re-probe's results into the final statuses (fixed, error, did not converge). */
export function finishConvergence(
  results: Map<string, CheckResult>,
  applied: ReadonlyMap<string, ChangeRecord[]>,
  failedStep: boolean,
  handlers: readonly HandlerRecord[] = [],
): void {
  for (const [id, records] of applied) {
    const result = results.get(id);
    if (!result) continue;
    const ran = records.some((r) => r.status === 'applied');
    const failed = records.find((r) => r.status === 'failed');
    const handler = failedHandlerFor(records, handlers);
    // Ctrl-C: a step that never started carries why (apply-round.ts); the check is not done, so it is an error.
    const interrupted = records.find((r) => r.status === 'not-run' && r.error);
    if (failed) {
      result.status = 'error';
      result.reason = failed.error;
    } else if (handler) {
      result.status = 'error';
      result.reason = `changed, but the ${handler.name} handler failed, so the change is not active: ${handler.error}`;
    } else if (interrupted) {
      result.status = 'error';
      result.reason = interrupted.error;
    } else if (ran && result.status === 'ok') {
      result.status = 'fixed';
    } else if (ran && result.status === 'drift') {
      // Only what apply was supposed to fix can fail to converge; manual findings simply remain drift.
      const unfixed = actionable(result.findings, result.severity).filter((f) => f.fixable !== false);
      if (unfixed.length > 0) {
        result.status = 'error';
        result.reason = `did not converge: ${unfixed.map((f) => f.message).join('; ')}`;
      }
    }
    // Steps of this round that never ran stay "planned" only if nothing failed; otherwise mark them.
    if (failedStep) for (const c of result.changes) if (c.status === 'planned') c.status = 'not-run';
  }
}
