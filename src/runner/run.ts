/**
 * A run: every selected host concurrently (bounded), each with one connection and one probe exec; then the
 * cross-host checks; for apply, one confirmation for the whole plan, then the changes. Returns the report;
 * never prints (DESIGN §3).
 */
import type { EngineFacts, EngineInventory, Registry } from '../check-api.js';
import { hostTargets } from '../config/resolve.js';
import type { Config } from '../config/types.js';
import type { RunReport } from '../result/model.js';
import type { ProgressSink } from '../result/progress-events.js';
import { summarize } from '../result/summary.js';
import type { Connector } from '../ssh/transport.js';
import { evaluateCrossHost } from './cross-host.js';
import { HostSession } from './host-session.js';
import { mapPool } from './pool.js';
import { probeSftpLive } from './sftp-live.js';
import { TOOL_VERSION } from '../version.js';
import type { ProbeMemoStore } from '../probe-memo/memo-store.js';

export interface RunOptions {
  command: 'check' | 'apply';
  config: Config;
  /** Role or host names (`--only`). */
  only?: string[];
  /** apply --dry-run: plan only. */
  dryRun: boolean;
  /** e.g. { cleanupStale: true } */
  flags: Record<string, boolean>;
  acceptNewHostKeys: boolean;
  connector: Connector;
  registry: Registry<Config>;
  progress?: ProgressSink;
  /** Called once after every host was probed and planned, before any change. Return false to stop. */
  confirm?: (plan: RunReport) => Promise<boolean>;
  /** What the running engine reports (REST API), fetched from this machine; absent without engineApi. */
  engineFacts?: () => Promise<EngineFacts | undefined>;
  /** The engine's inventory, read once before the run (src/engine-api/inventory.ts); every host's checks see it. */
  engineInventory?: EngineInventory;
  /**
   * Reads the inventory again; called once after apply changed something, before the settle pass, so checks of
   * the engine's view (the hooks vdsm reports) judge the hosts as changed, not as they were.
   */
  refreshEngineInventory?: () => Promise<EngineInventory>;
  /** apply: aborted on Ctrl-C. Steps in progress finish; nothing else starts; the report says what changed. */
  signal?: AbortSignal;
  /** Kept between runs by the CLI (src/probe-memo/); absent: every probe asks in full. */
  probeMemo?: ProbeMemoStore;
}

function buildReport(options: RunOptions, sessions: HostSession[], startedAt: Date): RunReport {
  const cross = evaluateCrossHost(options.registry.crossHostChecks, sessions, options.config);
  const hosts = sessions.map((s) => s.toResult(cross.get(s.target.name) ?? []));
  return {
    schemaVersion: 1,
    tool: { name: 'ovirt-floppy', version: TOOL_VERSION },
    command: options.command,
    ...(options.command === 'apply' ? { dryRun: options.dryRun } : {}),
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    summary: summarize(hosts),
    hosts,
  };
}

/**
 * apply: a host with no planned step and no drift needs nothing more (apply runs only planned steps; the
 * settle pass re-probes only hosts with drift), so a converged fleet costs what `check` costs.
 */
function finishedAfterProbe(s: HostSession): boolean {
  return s.plannedStepCount === 0 && !s.hasDrift;
}

export async function run(options: RunOptions): Promise<RunReport> {
  const startedAt = new Date();
  const { config } = options;
  const sessions = hostTargets(config, options.only).map(
    (target) =>
      new HostSession(target, {
        connector: options.connector,
        connectOptions: {
          acceptNewHostKeys: options.acceptNewHostKeys,
          connectTimeoutMs: config.ssh.connectTimeout * 1000,
          execTimeoutMs: config.ssh.execTimeout * 1000,
          knownHostsFile: config.ssh.knownHostsFile,
          agent: config.ssh.agent,
          useSshConfig: config.ssh.useSshConfig,
        },
        config,
        flags: options.flags,
        checks: options.registry.checks,
        crossHostChecks: options.registry.crossHostChecks,
        handlers: options.registry.handlers,
        engineFacts: options.engineFacts,
        engineInventory: options.engineInventory,
        ...(options.probeMemo ? { probeMemo: options.probeMemo } : {}),
        sftpLive: () =>
          probeSftpLive(options.connector, config, {
            acceptNewHostKeys: false,
            connectTimeoutMs: config.ssh.connectTimeout * 1000,
            execTimeoutMs: config.ssh.execTimeout * 1000,
            knownHostsFile: config.ssh.knownHostsFile,
            agent: false,
            useSshConfig: false,
          }),
        onStage: (stage) => options.progress?.hostStage(target.name, stage),
        ...(options.signal ? { signal: options.signal } : {}),
      }),
  );
  const concurrency = config.ssh.concurrency;
  // check and apply --dry-run never execute anything on a host after its probe.
  const planOnly = options.command === 'check' || options.dryRun;
  try {
    await mapPool(sessions, concurrency, async (s) => {
      options.progress?.hostStarted(s.ref);
      if (await s.connect()) {
        try {
          await s.probeAndPlan();
        } catch (error) {
          s.failAll(error instanceof Error ? error.message : String(error));
        }
      }
      if (planOnly || finishedAfterProbe(s)) {
        // Nothing later needs this connection: the cross-host checks and the report read what the session
        // stored (observations, facts, results, the transport's stats). Closing it here, inside the pool
        // slot, keeps at most `concurrency` connections open (controller memory and the hosts' sshd
        // sessions no longer grow with the fleet). The close in `finally` is then a no-op.
        await s.close();
      }
      if (planOnly) options.progress?.hostFinished(s.toResult());
    });
    const wantsChanges = options.command === 'apply' && !options.dryRun && sessions.some((s) => s.plannedStepCount > 0);
    if (wantsChanges) {
      const approved = options.confirm ? await options.confirm(buildReport({ ...options, dryRun: true }, sessions, startedAt)) : true;
      if (!approved) return buildReport({ ...options, dryRun: true }, sessions, startedAt);
    }
    if (options.command === 'apply' && !options.dryRun) {
      await mapPool(sessions, concurrency, async (s) => {
        if (s.transport && !s.error && s.plannedStepCount > 0) {
          if (options.signal?.aborted) return s.interruptBeforeApply();
          try {
            await s.apply();
          } catch (error) {
            s.failAll(error instanceof Error ? error.message : String(error));
          }
        }
      });
      if (sessions.some((s) => s.changedSomething) && !options.signal?.aborted) {
        if (options.refreshEngineInventory) {
          const renewed = await options.refreshEngineInventory();
          for (const s of sessions) s.engineInventory = renewed;
        }
        const waiting = sessions.filter((s) => s.transport && !s.error && s.hasDrift);
        await mapPool(waiting, concurrency, async (s) => {
          try {
            await s.settle();
          } catch (error) {
            s.failAll(error instanceof Error ? error.message : String(error));
          }
        });
      }
      for (const s of sessions) options.progress?.hostFinished(s.toResult());
    }
    return buildReport(options, sessions, startedAt);
  } finally {
    // Every session still open (apply; or a run that threw); HostSession.close() is idempotent.
    await Promise.all(sessions.map((s) => s.close()));
  }
}
