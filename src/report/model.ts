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
  /**
   * Not contacted on purpose, with the reason: the engine holds the host in maintenance or non-responsive
   * (discover:). Such a host is neither unreachable nor incomplete, so it never changes the exit code.
   */
  skipped?: string;
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
}

/** A host the run tried and failed to reach (a host skipped on purpose does not count). */
export function isUnreachable(host: HostResult): boolean {
  return !host.reachable && host.skipped === undefined;
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
  const incomplete = report.hosts.some((h) => isUnreachable(h) || h.checks.some((c) => c.status === 'error'));
  if (incomplete) return 3;
  const drift = report.hosts.some((h) => h.checks.some((c) => c.status === 'drift'));
  const smokeFailed = report.smoke?.stages.some((s) => s.status === 'failed') ?? false;
  if (drift || smokeFailed) return 1;
  return 0;
}
