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
