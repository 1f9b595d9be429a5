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
  /** How long the step ran on the host (applied or failed steps only). */
  durationMs?: number;
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
  /** The VM stage's proof, once the VM ran (issue #11). */
  evidence?: VmEvidence;
}

/**
 * What the VM stage saw: where the VM ran, how libvirt attached the image, and (when the stage could read the
 * guest's own console, as in the lab) the sha256 of the medium as the guest read it.
 */
export interface VmEvidence {
  /** The configured hypervisor the VM ran on. */
  host: string;
  /** libvirt's machine type of the running domain (e.g. pc-i440fx-7.2). */
  machine: string;
  /** libvirt disk device: floppy (or cdrom). */
  device: string;
  bus: string;
  /** libvirt target dev (fda). */
  target: string;
  /** sha256 of the image the smoke built and uploaded. */
  imageSha256: string;
  /** sha256 of the whole medium as the guest read it; absent when the guest's view could not be read. */
  guestSha256?: string;
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

/** A host the run tried and failed to reach (a host skipped on purpose does not count). */
export function isUnreachable(host: HostResult): boolean {
  return !host.reachable && host.skipped === undefined;
}
