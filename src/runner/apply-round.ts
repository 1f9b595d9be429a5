/**
 * One apply round on one host: execute the planned steps in check order (after a failed step the rest are
 * recorded as not run), then run every notified handler once. The ledger carries what ran across rounds.
 */
import type { Check, CheckContext, Handler, HandlerName, Step } from '../check-api.js';
import type { Config } from '../config/types.js';
import { StepFailedError } from '../errors.js';
import type { ChangeRecord, CheckResult, HandlerRecord } from '../result/model.js';
import type { HostStage } from '../result/progress-events.js';
import type { Transport } from '../ssh/transport.js';
import { executeStep } from './execute-step.js';

/** What apply did on one host so far, across rounds. */
export interface ApplyLedger {
  applied: Map<string, ChangeRecord[]>;
  handlerRecords: HandlerRecord[];
  /** A step or handler failed: no further step runs on this host. */
  failedStep: boolean;
}

export function emptyLedger(): ApplyLedger {
  return { applied: new Map(), handlerRecords: [], failedStep: false };
}

/** The current plan of one host. */
export interface HostPlan {
  results: ReadonlyMap<string, CheckResult>;
  planned: ReadonlyMap<string, Step[]>;
  /** Checks planned on the assumption that a drifting dependency gets fixed first (see Evaluation.deferred). */
  deferred: ReadonlySet<string>;
}

export interface RoundDeps {
  transport: Transport;
  checks: Check<unknown, Config>[];
  handlers: Handler<Config>[];
  context: () => CheckContext<Config>;
  now: () => Date;
  execTimeoutMs: number;
  onStage?: ((stage: HostStage) => void) | undefined;
  /** Aborted on Ctrl-C (SIGINT): the step in progress finishes (a file write is atomic), no further step starts. */
  signal?: AbortSignal | undefined;
}

export const INTERRUPTED = 'interrupted (SIGINT) before this step: not run';

/** Planned steps not already run in an earlier round (a step re-planned after it ran did not converge). */
export function newSteps(ledger: ApplyLedger, plan: HostPlan, checkId: string): Step[] {
  if (plan.deferred.has(checkId)) return [];
  const done = new Set((ledger.applied.get(checkId) ?? []).filter((r) => r.status === 'applied').map((r) => r.describe));
  return (plan.planned.get(checkId) ?? []).filter((s) => !done.has(s.describe));
}

export function newStepCount(ledger: ApplyLedger, plan: HostPlan): number {
  let n = 0;
  for (const id of plan.planned.keys()) n += newSteps(ledger, plan, id).length;
  return n;
}

/** Execute the new steps of every check in order; returns the handlers they notified. */
export async function executePlanned(ledger: ApplyLedger, plan: HostPlan, deps: RoundDeps): Promise<HandlerName[]> {
  deps.onStage?.('apply');
  const notified: HandlerName[] = [];
  for (const check of deps.checks) {
    const steps = newSteps(ledger, plan, check.id);
    if (steps.length === 0) continue;
    const records = ledger.applied.get(check.id) ?? [];
    for (const step of steps) {
      // Keep the planned record's diff and notify; the status is what happens now.
      const planned = plan.results.get(check.id)?.changes.find((c) => c.describe === step.describe);
      const record: ChangeRecord = {
        ...planned,
        describe: step.describe,
        status: 'not-run',
        ...(step.notify ? { notify: step.notify } : {}),
      };
      records.push(record);
      if (deps.signal?.aborted) {
        record.error = INTERRUPTED;
        ledger.failedStep = true;
      }
      if (ledger.failedStep) continue;
      const started = Date.now();
      try {
        await executeStep(deps.transport, step, { now: deps.now(), defaultTimeoutMs: deps.execTimeoutMs });
        record.status = 'applied';
        if (step.notify && !notified.includes(step.notify)) notified.push(step.notify);
      } catch (error) {
        record.status = 'failed';
        record.error = new StepFailedError(step.describe, { cause: error }).message;
        ledger.failedStep = true;
      }
      // Wall time of the remote step (where a first-time setup spends its time, per step kind: bench/setup-breakdown.ts).
      record.durationMs = Date.now() - started;
    }
    ledger.applied.set(check.id, records);
  }
  return notified;
}

/** Run each notified handler once, in order; a failed handler fails the host's apply. */
export async function runHandlers(ledger: ApplyLedger, names: HandlerName[], deps: RoundDeps): Promise<void> {
  if (names.length === 0) return;
  deps.onStage?.('handlers');
  for (const name of names) {
    const handler = deps.handlers.find((h) => h.name === name);
    const started = Date.now();
    if (!handler) {
      ledger.handlerRecords.push({ name, status: 'failed', error: `no handler named ${name}`, durationMs: 0 });
      continue;
    }
    if (deps.signal?.aborted) {
      // The change that notified it is in place but not active: say so (the check becomes an error).
      ledger.handlerRecords.push({ name, status: 'failed', error: `interrupted (SIGINT): ${handler.describe} did not run`, durationMs: 0 });
      ledger.failedStep = true;
      continue;
    }
    try {
      for (const step of handler.plan(deps.context())) {
        await executeStep(deps.transport, step, { now: deps.now(), defaultTimeoutMs: deps.execTimeoutMs });
      }
      ledger.handlerRecords.push({ name, status: 'applied', durationMs: Date.now() - started });
    } catch (error) {
      ledger.handlerRecords.push({
        name,
        status: 'failed',
        error: error instanceof Error ? error.message : String(error),
        durationMs: Date.now() - started,
      });
      ledger.failedStep = true;
    }
  }
}
