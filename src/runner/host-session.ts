/**
 * Everything the runner does with one host: connect once, probe (one exec), plan, and for apply: run rounds of
 * steps and handlers (apply-round.ts), re-probe, repeat while new steps appear, then settle the statuses
 * (convergence.ts).
 */
import type {
  Check,
  CheckContext,
  CrossHostCheck,
  EngineFacts,
  EngineInventory,
  Handler,
  HostFacts,
  HostRef,
  SftpLiveFacts,
  Step,
} from '../check-api.js';
import type { Config, HostTarget } from '../config/types.js';
import type { CheckResult, HandlerRecord, HostResult } from '../result/model.js';
import type { HostStage } from '../result/progress-events.js';
import type { ConnectOptions, Connector, Transport } from '../ssh/transport.js';
import { emptyLedger, executePlanned, newStepCount, runHandlers, type RoundDeps } from './apply-round.js';
import { finishConvergence, mergeApplied } from './convergence.js';
import { planChecks } from './plan-host.js';
import { buildProbe, probeHost, type Observation, type ProbeItem } from './probe-host.js';
import { redactHostResult } from './redact-secrets.js';
import { ProbeMemoStore } from '../probe-memo/memo-store.js';

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
  /** Read once per run; handed to every host's checks with the facts (manager) or alone (other roles). */
  engineInventory?: EngineInventory;
  /** A new login as the upload user (sftp host only): what the RUNNING sshd allows it (sftp-live.ts). */
  sftpLive?: () => Promise<SftpLiveFacts | undefined>;
  onStage?: (stage: HostStage) => void;
  now?: () => Date;
  /** Ctrl-C: finish the step in progress, start no other (apply-round.ts). */
  signal?: AbortSignal;
  /** What checks kept from the last run (Check.remember), read by probes and updated after each probe. */
  probeMemo?: ProbeMemoStore;
}

export class HostSession {
  transport?: Transport;
  facts?: HostFacts;
  engine?: EngineFacts;
  sftpLive?: SftpLiveFacts;
  results = new Map<string, CheckResult>();
  planned = new Map<string, Step[]>();
  /** Checks planned on the assumption that a drifting dependency gets fixed first (see Evaluation.deferred). */
  deferred = new Set<string>();
  /** Observations of cross-host checks, by cross check id. */
  crossObservations = new Map<string, Observation>();
  error?: string;
  private readonly ledger = emptyLedger();
  private closing?: Promise<void>;
  /** The engine's inventory; run() renews it after changes so the settle pass sees what the engine sees now. */
  engineInventory?: EngineInventory;

  constructor(
    readonly target: HostTarget,
    private readonly deps: SessionDeps,
  ) {
    this.engineInventory = deps.engineInventory;
  }

  get ref(): HostRef {
    return { name: this.target.name, role: this.target.role, address: this.target.host };
  }

  get checks(): Check<unknown, Config>[] {
    return this.deps.checks.filter((c) => c.roles.includes(this.target.role));
  }

  get crossChecks(): CrossHostCheck<unknown, Config>[] {
    return this.deps.crossHostChecks.filter((c) => c.roles.includes(this.target.role));
  }

  get handlerRecords(): HandlerRecord[] {
    return this.ledger.handlerRecords;
  }

  private context(): CheckContext<Config> {
    return {
      config: this.deps.config,
      host: this.ref,
      facts: this.facts!,
      engine: this.engine,
      sftpLive: this.sftpLive,
      flags: this.deps.flags,
      login: { user: this.target.user, become: this.target.become },
    };
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
    const memo = this.deps.probeMemo;
    const memoHost = ProbeMemoStore.hostKey(this.ref);
    const probeCtx = {
      config: this.deps.config,
      host: this.ref,
      flags: this.deps.flags,
      ...(memo ? { memo: { get: (key: string) => memo.get(memoHost, key) } } : {}),
    };
    const items: ProbeItem[] = [];
    const buildErrors = new Map<string, Error>();
    for (const check of [...this.checks, ...this.crossChecks]) {
      try {
        items.push(buildProbe(check, probeCtx));
      } catch (error) {
        buildErrors.set(check.id, error instanceof Error ? error : new Error(String(error)));
      }
    }
    const [probed, engine, sftpLive] = await Promise.all([
      probeHost(this.transport!, items, { withFacts: true, timeoutMs: this.deps.config.ssh.execTimeout * 1000 }),
      this.target.role === 'manager' && this.deps.engineFacts ? this.deps.engineFacts() : Promise.resolve(undefined),
      this.target.role === 'sftp' && this.deps.sftpLive ? this.deps.sftpLive() : Promise.resolve(undefined),
    ]);
    this.facts = probed.facts;
    const inventory = this.engineInventory;
    this.engine = inventory ? { ...engine, inventory } : engine;
    this.sftpLive = sftpLive;
    for (const [id, error] of buildErrors) probed.observations.set(id, { ok: false, error });
    if (memo) this.remember(memo, memoHost, probed.observations);
    this.deps.onStage?.('plan');
    const plan = planChecks(this.checks, probed.observations, this.context());
    this.planned = plan.planned;
    this.deferred = plan.deferred;
    for (const cross of this.crossChecks) {
      const obs = probed.observations.get(cross.id);
      if (obs) this.crossObservations.set(cross.id, obs);
    }
    this.results = mergeApplied(plan.results, this.ledger.applied);
  }

  /** Keeps what the checks want remembered from this probe (Check.remember) for the next run. */
  private remember(memo: ProbeMemoStore, host: string, observations: ReadonlyMap<string, Observation>): void {
    for (const check of this.checks) {
      const obs = observations.get(check.id);
      if (!check.remember || !obs?.ok) continue;
      try {
        for (const [key, value] of Object.entries(check.remember(obs.observed))) memo.set(host, key, value);
      } catch {
        // A memo is only a shortcut: what cannot be kept is probed in full next time.
      }
    }
  }

  get plannedStepCount(): number {
    let n = 0;
    for (const steps of this.planned.values()) n += steps.length;
    return n;
  }

  /**
   * The probe exec itself failed (sudo refused, script cut short, the connection dropped mid-apply): every check of
   * this host errors. Changes already made stay on their checks (applied, failed, not run), so the report still
   * says what changed on the host before it went away.
   */
  failAll(reason: string): void {
    this.error = reason;
    for (const check of this.checks) {
      const changes = (this.ledger.applied.get(check.id) ?? []).map((c) =>
        c.status === 'planned' ? { ...c, status: 'not-run' as const } : c,
      );
      this.results.set(check.id, {
        id: check.id,
        title: check.title,
        status: 'error',
        severity: check.severity,
        findings: [],
        changes,
        durationMs: 0,
        reason,
      });
    }
  }

  /** Ctrl-C came before this host's apply started: what was planned is not done, and the report must say so. */
  interruptBeforeApply(): void {
    for (const [id, result] of this.results) {
      if (!this.planned.has(id)) continue;
      result.status = 'error';
      result.reason = 'interrupted (SIGINT) before apply reached this host: nothing was changed';
      result.changes = result.changes.map((c) => (c.status === 'planned' ? { ...c, status: 'not-run' as const } : c));
    }
  }

  /** Any step applied on this host in this run. */
  get changedSomething(): boolean {
    for (const records of this.ledger.applied.values()) if (records.some((r) => r.status === 'applied')) return true;
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
    if (newStepCount(this.ledger, this) > 0 && !this.ledger.failedStep) await this.apply();
    else this.finishConvergence();
  }

  /** Execute, handle, re-probe; up to MAX_ROUNDS while steps appear and nothing failed. */
  async apply(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS && newStepCount(this.ledger, this) > 0 && !this.ledger.failedStep; round++) {
      const deps = this.roundDeps();
      const notified = await executePlanned(this.ledger, this, deps);
      await runHandlers(this.ledger, notified, deps);
      await this.probeAndPlan('reprobe');
    }
    this.finishConvergence();
  }

  private roundDeps(): RoundDeps {
    return {
      transport: this.transport!,
      checks: this.checks,
      handlers: this.deps.handlers,
      context: () => this.context(),
      now: () => (this.deps.now ? this.deps.now() : new Date()),
      execTimeoutMs: this.deps.config.ssh.execTimeout * 1000,
      onStage: this.deps.onStage,
      signal: this.deps.signal,
    };
  }

  private finishConvergence(): void {
    finishConvergence(this.results, this.ledger.applied, this.ledger.failedStep, this.ledger.handlerRecords);
  }

  /** Every report path (all formats, the confirmation plan, progress) reads this: secrets are redacted here. */
  toResult(extra: CheckResult[] = []): HostResult {
    return redactHostResult({
      name: this.target.name,
      role: this.target.role,
      address: this.target.host,
      reachable: this.transport !== undefined,
      ...(this.error ? { error: this.error } : {}),
      stats: { connections: this.transport?.stats.connections ?? 0, execs: this.transport?.stats.execs ?? 0 },
      checks: [...this.results.values(), ...extra],
      handlers: this.handlerRecords,
    });
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
