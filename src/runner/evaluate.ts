/**
 * From an observation to a result: appliesTo, dependsOn, compare, and (for drift) the planned fix.
 * Pure; errors thrown by a check's own code become that check's `error` status, never a crash.
 */
import type { Check, CheckContext, Step } from '../check-api.js';
import type { ChangeRecord, CheckResult } from '../result/model.js';
import { actionable, worstSeverity } from '../result/severity.js';
import type { Observation } from './probe-host.js';
import { rootMissing } from './root-gate.js';
import { unifiedDiff } from './unified-diff.js';

export interface Evaluation {
  result: CheckResult;
  steps: Step[];
  /**
   * A dependency drifts but has fixes planned: this check is planned as if the dependency were fixed (so a
   * dry run shows the whole plan), but its steps run only after a re-probe that sees the dependency fixed.
   */
  deferred?: boolean;
}

export function plannedChange(step: Step): ChangeRecord {
  const run = step.run;
  const diff = 'writeFile' in run ? unifiedDiff(run.writeFile.before ?? '', run.writeFile.content, run.writeFile.path) : undefined;
  return { describe: step.describe, status: 'planned', ...(diff ? { diff } : {}), ...(step.notify ? { notify: step.notify } : {}) };
}

function base(check: Check, startedAt: number): Omit<CheckResult, 'status'> {
  return { id: check.id, title: check.title, severity: check.severity, findings: [], changes: [], durationMs: Date.now() - startedAt };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function evaluateCheck<C>(
  check: Check<unknown, C>,
  observation: Observation | undefined,
  ctx: CheckContext<C>,
  earlier: ReadonlyMap<string, CheckResult>,
): Evaluation {
  const startedAt = Date.now();
  try {
    const applies = check.appliesTo ? check.appliesTo(ctx) : true;
    if (applies !== true) return { result: { ...base(check, startedAt), status: 'skipped', reason: applies }, steps: [] };
    const withoutRoot = rootMissing(check, ctx);
    if (withoutRoot) return { result: { ...base(check, startedAt), status: 'error', reason: withoutRoot }, steps: [] };
    const waitingFor: string[] = [];
    for (const dep of check.dependsOn ?? []) {
      const result = earlier.get(dep);
      if (!result || result.status === 'ok' || result.status === 'fixed') continue;
      const fixable = result.status === 'drift' && result.changes.some((c) => c.status === 'planned');
      if (!fixable) {
        return { result: { ...base(check, startedAt), status: 'skipped', reason: `needs ${dep} (${result.status})` }, steps: [] };
      }
      waitingFor.push(dep);
    }
    if (!observation) return { result: { ...base(check, startedAt), status: 'error', reason: 'not probed' }, steps: [] };
    if (!observation.ok) return { result: { ...base(check, startedAt), status: 'error', reason: observation.error.message }, steps: [] };
    const findings = check.compare(observation.observed, ctx);
    const measured = check.measure ? { measurements: check.measure(observation.observed, ctx) } : {};
    const problems = actionable(findings, check.severity);
    if (problems.length === 0) return { result: { ...base(check, startedAt), status: 'ok', findings, ...measured }, steps: [] };
    const steps = check.fix ? check.fix(observation.observed, ctx) : [];
    const deferred = waitingFor.length > 0;
    return {
      result: {
        ...base(check, startedAt),
        status: 'drift',
        severity: worstSeverity(problems, check.severity),
        findings,
        ...measured,
        changes: steps.map(plannedChange),
        ...(deferred ? { reason: `planned as if ${waitingFor.join(', ')} were fixed; re-checked after that` } : {}),
      },
      steps,
      ...(deferred ? { deferred } : {}),
    };
  } catch (error) {
    return { result: { ...base(check, startedAt), status: 'error', reason: message(error) }, steps: [] };
  }
}
