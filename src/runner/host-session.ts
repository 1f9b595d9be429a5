/**
 * Everything the runner does with one host: connect once, probe (one exec), plan, and for apply: execute
 * steps in check order, run notified handlers once, re-probe, repeat while new steps appear.
 */
import type { Check, CheckContext, CrossHostCheck, EngineFacts, Handler, HandlerName, HostFacts, HostRef, Step } from '../check-api.js';
import type { Config, HostTarget } from '../config/types.js';
import { StepFailedError } from '../errors.js';
import type { ChangeRecord, CheckResult, HandlerRecord, HostResult } from '../result/model.js';
import type { ConnectOptions, Connector, Transport } from '../ssh/transport.js';
import { actionable } from '../result/severity.js';
import { evaluateCheck } from './evaluate.js';
import { buildProbe, probeHost, type Observation, type ProbeItem } from './probe-host.js';
import { executeStep } from './execute-step.js';

/** Rounds of fix → re-probe; a dependent check skipped in round 1 is planned in round 2. */
const MAX_ROUNDS = 5;

export interface SessionDeps {
  connector: Connector;
  connectOptions: ConnectOptions;
  config: Config;
  flags: Record<string, boolean>;
  checks: Check<unknown, Config>[];
  crossHostChecks: CrossHostCheck<unknown, Config>[];
  handlers: Handler<Config>[];
  engineFacts?: () => Promise<EngineFacts | undefined>;
  onStage?: (stage: 'connect' | 'probe' | 'plan' | 'apply' | 'handlers' | 'reprobe') => void;
  now?: () => Date;
}

export class HostSession {
  transport?: Transport;
  facts?: HostFacts;
  engine?: EngineFacts;
  results = new Map<string, CheckResult>();
  planned = new Map<string, Step[]>();
  /** Checks planned on the assumption that a drifting dependency gets fixed first (see Evaluation.deferred). */
  deferred = new Set<string>();
  /** Observations of cross-host checks, by cross check id. */
  crossObservations = new Map<string, Observation>();
  handlerRecords: HandlerRecord[] = [];
  error?: string;
  private applied = new Map<string, ChangeRecord[]>();
  private failedStep = false;
  private closing?: Promise<void>;

  constructor(
    readonly target: HostTarget,
    private readonly deps: SessionDeps,
  ) {}

  get ref(): HostRef {
    return { name: this.target.name, role: this.target.role, address: this.target.host };
  }

  get checks(): Check<unknown, Config>[] {
    return this.deps.checks.filter((c) => c.roles.includes(this.target.role));
  }

  get crossChecks(): CrossHostCheck<unknown, Config>[] {
    return this.deps.crossHostChecks.filter((c) => c.roles.includes(this.target.role));
  }

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }

  private context(): CheckContext<Config> {
    return { config: this.deps.config, host: this.ref, facts: this.facts!, engine: this.engine, flags: this.deps.flags };
  }

  async connect(): Promise<boolean> {
    this.deps.onStage?.('connect');
    try {
      this.transport = await this.deps.connector.connect(this.target, this.deps.connectOptions);
      return true;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return false;
    }
  }

  /** One exec: facts + every probe. Then evaluate and plan. */
  async probeAndPlan(stage: 'probe' | 'reprobe' = 'probe'): Promise<void> {
    this.deps.onStage?.(stage);
    const probeCtx = { config: this.deps.config, host: this.ref, flags: this.deps.flags };
    const items: ProbeItem[] = [];
    const buildErrors = new Map<string, Error>();
    for (const check of [...this.checks, ...this.crossChecks]) {
      try {
        items.push(buildProbe(check, probeCtx));
      } catch (error) {
        buildErrors.set(check.id, error instanceof Error ? error : new Error(String(error)));
      }
    }
    const [probed, engine] = await Promise.all([
      probeHost(this.transport!, items, { withFacts: true, timeoutMs: this.deps.config.ssh.execTimeout * 1000 }),
      this.target.role === 'manager' && this.deps.engineFacts ? this.deps.engineFacts() : Promise.resolve(undefined),
    ]);
    this.facts = probed.facts;
    this.engine = engine;
    for (const [id, error] of buildErrors) probed.observations.set(id, { ok: false, error });
    this.deps.onStage?.('plan');
    const ctx = this.context();
    const results = new Map<string, CheckResult>();
    this.planned.clear();
    this.deferred.clear();
    for (const check of this.checks) {
      const { result, steps, deferred } = evaluateCheck(check, probed.observations.get(check.id), ctx, results);
      results.set(check.id, result);
      if (steps.length > 0) this.planned.set(check.id, steps);
      if (deferred) this.deferred.add(check.id);
    }
    for (const cross of this.crossChecks) {
      const obs = probed.observations.get(cross.id);
      if (obs) this.crossObservations.set(cross.id, obs);
    }
    this.results = this.mergeApplied(results);
  }

  get plannedStepCount(): number {
    let n = 0;
    for (const steps of this.planned.values()) n += steps.length;
    return n;
  }

  /** Planned steps not already run in an earlier round (a step re-planned after it ran did not converge). */
  private newSteps(checkId: string): Step[] {
    if (this.deferred.has(checkId)) return [];
    const done = new Set((this.applied.get(checkId) ?? []).filter((r) => r.status === 'applied').map((r) => r.describe));
    return (this.planned.get(checkId) ?? []).filter((s) => !done.has(s.describe));
  }

  private get newStepCount(): number {
    let n = 0;
    for (const id of this.planned.keys()) n += this.newSteps(id).length;
    return n;
  }

  /** The probe exec itself failed (sudo refused, script cut short): every check of this host errors. */
  failAll(reason: string): void {
    this.error = reason;
    for (const check of this.checks) {
      this.results.set(check.id, { id: check.id, title: check.title, status: 'error', severity: check.severity, findings: [], changes: [], durationMs: 0, reason });
    }
  }

  /** Any step applied on this host in this run. */
  get changedSomething(): boolean {
    for (const records of this.applied.values()) if (records.some((r) => r.status === 'applied')) return true;
    return false;
  }

  get hasDrift(): boolean {
    for (const r of this.results.values()) if (r.status === 'drift') return true;
    return false;
  }

  /**
   * After every host applied: what one host needs may have been made by another (the hypervisors see the
   * floppy directory only once the sftp server created it). Re-probe once, and apply what is new.
   */
  async settle(): Promise<void> {
    await this.probeAndPlan('reprobe');
    if (this.newStepCount > 0 && !this.failedStep) await this.apply();
    else this.finishConvergence();
  }

  /** Execute, handle, re-probe; up to MAX_ROUNDS while steps appear and nothing failed. */
  async apply(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS && this.newStepCount > 0 && !this.failedStep; round++) {
      const notified = await this.executePlanned();
      await this.runHandlers(notified);
      await this.probeAndPlan('reprobe');
    }
    this.finishConvergence();
  }

  private async executePlanned(): Promise<HandlerName[]> {
    this.deps.onStage?.('apply');
    const notified: HandlerName[] = [];
    const execTimeoutMs = this.deps.config.ssh.execTimeout * 1000;
    for (const check of this.checks) {
      const steps = this.newSteps(check.id);
      if (steps.length === 0) continue;
      const records = this.applied.get(check.id) ?? [];
      for (const step of steps) {
        // Keep the planned record's diff and notify; the status is what happens now.
        const planned = this.results.get(check.id)?.changes.find((c) => c.describe === step.describe);
        const record: ChangeRecord = { ...planned, describe: step.describe, status: 'not-run' };
        records.push(record);
        if (this.failedStep) continue;
        try {
          await executeStep(this.transport!, step, { now: this.now(), defaultTimeoutMs: execTimeoutMs });
          record.status = 'applied';
          if (step.notify && !notified.includes(step.notify)) notified.push(step.notify);
        } catch (error) {
          record.status = 'failed';
          record.error = new StepFailedError(step.describe, { cause: error }).message;
          this.failedStep = true;
        }
      }
      this.applied.set(check.id, records);
    }
    return notified;
  }

  private async runHandlers(names: HandlerName[]): Promise<void> {
    if (names.length === 0) return;
    this.deps.onStage?.('handlers');
    for (const name of names) {
      const handler = this.deps.handlers.find((h) => h.name === name);
      const started = Date.now();
      if (!handler) {
        this.handlerRecords.push({ name, status: 'failed', error: `no handler named ${name}`, durationMs: 0 });
        continue;
      }
      try {
        for (const step of handler.plan(this.context())) {
          await executeStep(this.transport!, step, { now: this.now(), defaultTimeoutMs: this.deps.config.ssh.execTimeout * 1000 });
        }
        this.handlerRecords.push({ name, status: 'applied', durationMs: Date.now() - started });
      } catch (error) {
        this.handlerRecords.push({ name, status: 'failed', error: error instanceof Error ? error.message : String(error), durationMs: Date.now() - started });
        this.failedStep = true;
      }
    }
  }

  /** Changes applied in earlier rounds stay on the check's result, whatever the re-probe says. */
  private mergeApplied(results: Map<string, CheckResult>): Map<string, CheckResult> {
    for (const [id, records] of this.applied) {
      const result = results.get(id);
      if (!result) continue;
      const stillPlanned = result.status === 'drift' ? result.changes : [];
      result.changes = [...records, ...stillPlanned];
    }
    return results;
  }

  private finishConvergence(): void {
    for (const [id, records] of this.applied) {
      const result = this.results.get(id);
      if (!result) continue;
      const ran = records.some((r) => r.status === 'applied');
      const failed = records.find((r) => r.status === 'failed');
      if (failed) {
        result.status = 'error';
        result.reason = failed.error;
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
      if (this.failedStep) for (const c of result.changes) if (c.status === 'planned') c.status = 'not-run';
    }
  }

  toResult(extra: CheckResult[] = []): HostResult {
    return {
      name: this.target.name,
      role: this.target.role,
      address: this.target.host,
      reachable: this.transport !== undefined,
      ...(this.error ? { error: this.error } : {}),
      stats: { connections: this.transport?.stats.connections ?? 0, execs: this.transport?.stats.execs ?? 0 },
      checks: [...this.results.values(), ...extra],
      handlers: this.handlerRecords,
    };
  }

  /**
   * Close the connection once, however often this is called (run() closes plan-only hosts early and every
   * host again at the end). The transport object stays, so toResult() still reports reachability and stats.
   */
  close(): Promise<void> {
    if (!this.transport) return Promise.resolve();
    this.closing ??= this.transport.close().catch(() => undefined);
    return this.closing;
  }
}
