/**
 * The run report: what the runner returns and every formatter reads (DESIGN.md §2 JSON shape, schemaVersion 1).
 * The result model sits between runner and report so neither imports the other (DESIGN.md §3); it depends only
 * on the contract's vocabulary (statuses, severities, findings). The runner never prints; formatters never
 * execute anything.
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
  /** Numbers the check measured (Check.measure), e.g. `oldest-payload-age-seconds`; for metrics and JSON. */
  measurements?: Record<string, number>;
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
