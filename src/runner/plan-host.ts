/**
 * From one host's observations to its plan: evaluate every check in order (a check sees the results of the
 * checks before it, for dependsOn) and collect the planned steps.
 */
import type { Check, CheckContext, Step } from '../check-api.js';
import type { Config } from '../config/types.js';
import type { CheckResult } from '../result/model.js';
import { evaluateCheck } from './evaluate.js';
import type { Observation } from './probe-host.js';

export interface PlannedHost {
  results: Map<string, CheckResult>;
  planned: Map<string, Step[]>;
  deferred: Set<string>;
}

export function planChecks(
  checks: readonly Check<unknown, Config>[],
  observations: ReadonlyMap<string, Observation>,
  ctx: CheckContext<Config>,
): PlannedHost {
  const plan: PlannedHost = { results: new Map(), planned: new Map(), deferred: new Set() };
  for (const check of checks) {
    const { result, steps, deferred } = evaluateCheck(check, observations.get(check.id), ctx, plan.results);
    plan.results.set(check.id, result);
    if (steps.length > 0) plan.planned.set(check.id, steps);
    if (deferred) plan.deferred.add(check.id);
  }
  return plan;
}
