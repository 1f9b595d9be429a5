/**
 * The run report: what the runner returns and every formatter reads (DESIGN.md §2 JSON shape, schemaVersion 1).
 * The runner never prints; formatters never execute anything.
 */
import type { Finding, HandlerName, Role, Severity, Status } from '../check-api.js';

export type CommandName = 'check' | 'apply' | 'smoke';

export interface ChangeRecord {
  describe: string;
  /** planned: dry-run/check only; applied: ran and succeeded; failed: ran and failed; not-run: an earlier step failed. */
  status: 'planned' | 'applied' | 'failed' | 'not-run';
  /** Unified diff (before → after) for file writes, `- actual / + expected` lines otherwise. */
  diff?: string;
  error?: string;
  notify?: HandlerName;
}

export interface CheckResult {
  id: string;
  title: string;
  status: Status;
  severity: Severity;
  findings: Finding[];
  changes: ChangeRecord[];
  durationMs: number;
  /** Why it was skipped, or what errored. */
  reason?: string;
}

export interface HandlerRecord {
  name: HandlerName;
  status: 'applied' | 'failed';
  error?: string;
  durationMs: number;
}

export interface HostResult {
  name: string;
  role: Role;
  address: string;
  reachable: boolean;
  error?: string;
  stats: { connections: number; execs: number };
  checks: CheckResult[];
  handlers: HandlerRecord[];
}

export interface SmokeStage {
  name: string;
  status: 'ok' | 'failed' | 'skipped';
  durationMs: number;
  message: string;
  details?: string[];
}

export interface Summary {
  ok: number;
  drift: number;
  fixed: number;
  skipped: number;
  error: number;
}

/** One (host, check) in `sinceLastRun`; `since`: when it started failing (new: this run). */
export interface SinceLastRunEntry {
  host: string;
  check: string;
  since: string;
}

/** What changed since the last run of the same config (`--state`): failing now and not before, and so on. */
export interface SinceLastRun {
  /** startedAt of the last run; absent on the first run with this state file (everything failing is new). */
  lastRunAt?: string;
  new: SinceLastRunEntry[];
  fixed: SinceLastRunEntry[];
  persisting: SinceLastRunEntry[];
}

export interface RunReport {
  schemaVersion: 1;
  tool: { name: 'ovirt-floppy'; version: string };
  command: CommandName;
  dryRun?: boolean;
  startedAt: string;
  durationMs: number;
  summary: Summary;
  hosts: HostResult[];
  smoke?: { stages: SmokeStage[] };
  /** With a state file (check): what is new, fixed and still failing since the last run. */
  sinceLastRun?: SinceLastRun;
}

/** Count check statuses over all hosts. */
export function summarize(hosts: HostResult[]): Summary {
  const summary: Summary = { ok: 0, drift: 0, fixed: 0, skipped: 0, error: 0 };
  for (const host of hosts) for (const check of host.checks) summary[check.status] += 1;
  return summary;
}

/**
 * Exit code per DESIGN §2, highest precedence first: 3 incomplete (unreachable host, errored check or failed
 * smoke stage that could not be evaluated), 1 drift remains or a smoke stage failed, 0 ok/converged.
 * (2 is for usage/config errors, raised before any report exists.)
 */
export function exitCodeFor(report: RunReport): 0 | 1 | 3 {
  const incomplete = report.hosts.some((h) => !h.reachable || h.checks.some((c) => c.status === 'error'));
  if (incomplete) return 3;
  const drift = report.hosts.some((h) => h.checks.some((c) => c.status === 'drift'));
  const smokeFailed = report.smoke?.stages.some((s) => s.status === 'failed') ?? false;
  if (drift || smokeFailed) return 1;
  return 0;
}
