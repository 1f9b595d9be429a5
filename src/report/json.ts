/**
 * The JSON report (DESIGN §2, schemaVersion 1). Every object is rebuilt field by field from a whitelist, so
 * the key order is stable and nothing the runner might have attached by accident (an Error, a config
 * object) can reach the output: the report holds no secrets by construction, and this keeps it so.
 */
import type { Finding } from '../check-api.js';
import type {
  ChangeRecord,
  CheckResult,
  HandlerRecord,
  HostResult,
  RunReport,
  SinceLastRun,
  SinceLastRunEntry,
  SmokeStage,
} from '../result/model.js';
import { effectiveSeverity } from '../result/severity.js';

/** Drop keys whose value is undefined, keeping the order of the others. */
function compact<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

function findingJson(finding: Finding, check: CheckResult) {
  return compact({
    code: finding.code,
    severity: effectiveSeverity(finding, check),
    message: finding.message,
    expected: finding.expected,
    actual: finding.actual,
    fixable: finding.fixable ?? true,
  });
}

function changeJson(change: ChangeRecord) {
  return compact({
    describe: change.describe,
    status: change.status,
    notify: change.notify,
    diff: change.diff,
    error: change.error,
    durationMs: change.durationMs,
  });
}

function checkJson(check: CheckResult) {
  return compact({
    id: check.id,
    title: check.title,
    status: check.status,
    severity: check.severity,
    reason: check.reason,
    findings: check.findings.map((f) => findingJson(f, check)),
    changes: check.changes.map(changeJson),
    measurements: check.measurements ? { ...check.measurements } : undefined,
    durationMs: check.durationMs,
  });
}

function handlerJson(handler: HandlerRecord) {
  return compact({ name: handler.name, status: handler.status, error: handler.error, durationMs: handler.durationMs });
}

function hostJson(host: HostResult) {
  return compact({
    name: host.name,
    role: host.role,
    address: host.address,
    reachable: host.reachable,
    skipped: host.skipped,
    error: host.error,
    stats: { connections: host.stats.connections, execs: host.stats.execs },
    checks: host.checks.map(checkJson),
    handlers: host.handlers.map(handlerJson),
  });
}

function stageJson(stage: SmokeStage) {
  return compact({
    name: stage.name,
    status: stage.status,
    durationMs: stage.durationMs,
    message: stage.message,
    details: stage.details ? [...stage.details] : undefined,
    evidence: stage.evidence ? { ...stage.evidence } : undefined,
  });
}

function sinceLastRunJson(s: SinceLastRun) {
  const entries = (list: SinceLastRunEntry[]) => list.map((e) => ({ host: e.host, check: e.check, since: e.since }));
  return compact({ lastRunAt: s.lastRunAt, new: entries(s.new), fixed: entries(s.fixed), persisting: entries(s.persisting) });
}

/** The report as a plain object in the documented key order. */
export function toJsonReport(report: RunReport) {
  const { summary } = report;
  return compact({
    schemaVersion: report.schemaVersion,
    tool: { name: report.tool.name, version: report.tool.version },
    command: report.command,
    dryRun: report.dryRun,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    summary: { ok: summary.ok, drift: summary.drift, fixed: summary.fixed, skipped: summary.skipped, error: summary.error },
    hosts: report.hosts.map(hostJson),
    smoke: report.smoke ? { stages: report.smoke.stages.map(stageJson) } : undefined,
    sinceLastRun: report.sinceLastRun ? sinceLastRunJson(report.sinceLastRun) : undefined,
  });
}

/** Pretty-printed JSON, newline-terminated. */
export function renderJson(report: RunReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
