/**
 * Where the setup (`apply --yes` on a stock fleet) spends its time, from the tool's own JSON report (pure).
 *
 * What the report carries (src/result/model.ts, schemaVersion 1): per check its `changes[]`, each applied or failed
 * step with the `durationMs` it ran on the host (src/runner/apply-round.ts, around executeStep); a `durationMs` per
 * check that times only the evaluation (compare + plan, no remote work); per host its `handlers[]` with `durationMs`
 * (the engine restart + health wait, the sshd validate + reload). This module sums both per step kind; a report
 * without step durations (an older tool) still gives the handlers' time, and says so in its note.
 */

/** The parts of the JSON report this reads (a subset of RunReport, as the JSON renderer writes it). */
export interface ApplyReportJson {
  durationMs: number;
  hosts: {
    name: string;
    role: string;
    checks: { id: string; status: string; durationMs?: number; changes: { describe: string; status: string; durationMs?: number }[] }[];
    handlers?: { name: string; status: string; durationMs: number }[];
  }[];
}

export interface StepKind {
  /** The check that planned the steps (one check = one kind of change: package, boolean, property, file…). */
  check: string;
  /** The step's verb ("install", "turn", "set", "create", "add", "mount", …): first word of `describe`. */
  verb: string;
  role: string;
  applied: number;
  failed: number;
  hosts: number;
  /** Sum of the steps' durations over all hosts, when the report has them; else null. */
  totalMs: number | null;
}

export interface HandlerKind {
  name: string;
  role: string;
  runs: number;
  failed: number;
  totalMs: number;
  medianMs: number;
  maxMs: number;
}

export interface SetupBreakdown {
  reportDurationMs: number;
  hostsChanged: number;
  stepsApplied: number;
  stepsFailed: number;
  steps: StepKind[];
  handlers: HandlerKind[];
  /** Sum of handler time over hosts (they run in parallel, up to ssh.concurrency at once). */
  handlerTotalMs: number;
  stepDurationsInReport: boolean;
  note: string;
}

function median(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  if (v.length === 0) return 0;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

const NOTE_MISSING =
  'step durations are not in the report (a tool older than changes[].durationMs): only handler time is measured per kind';

export function setupBreakdown(report: ApplyReportJson): SetupBreakdown {
  const steps = new Map<string, StepKind & { hostSet: Set<string> }>();
  const handlers = new Map<string, { name: string; role: string; durations: number[]; failed: number }>();
  let withDuration = 0;
  let ran = 0;
  const changedHosts = new Set<string>();
  for (const host of report.hosts) {
    for (const check of host.checks) {
      for (const change of check.changes) {
        if (change.status !== 'applied' && change.status !== 'failed') continue;
        ran++;
        changedHosts.add(host.name);
        const verb = change.describe.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
        const key = `${host.role}\u0000${check.id}\u0000${verb}`;
        const kind = steps.get(key) ?? {
          check: check.id,
          verb,
          role: host.role,
          applied: 0,
          failed: 0,
          hosts: 0,
          totalMs: null,
          hostSet: new Set<string>(),
        };
        if (change.status === 'applied') kind.applied++;
        else kind.failed++;
        kind.hostSet.add(host.name);
        if (typeof change.durationMs === 'number') {
          withDuration++;
          kind.totalMs = (kind.totalMs ?? 0) + change.durationMs;
        }
        steps.set(key, kind);
      }
    }
    for (const h of host.handlers ?? []) {
      const key = `${host.role}\u0000${h.name}`;
      const kind = handlers.get(key) ?? { name: h.name, role: host.role, durations: [], failed: 0 };
      kind.durations.push(h.durationMs);
      if (h.status !== 'applied') kind.failed++;
      handlers.set(key, kind);
    }
  }
  const stepList = [...steps.values()]
    .map(({ hostSet, ...k }) => ({ ...k, hosts: hostSet.size }))
    .sort((a, b) => (b.totalMs ?? 0) - (a.totalMs ?? 0) || b.applied - a.applied || a.check.localeCompare(b.check));
  const handlerList = [...handlers.values()]
    .map((h) => ({
      name: h.name,
      role: h.role,
      runs: h.durations.length,
      failed: h.failed,
      totalMs: h.durations.reduce((a, b) => a + b, 0),
      medianMs: median(h.durations),
      maxMs: Math.max(...h.durations),
    }))
    .sort((a, b) => b.totalMs - a.totalMs);
  const complete = ran > 0 && withDuration === ran;
  return {
    reportDurationMs: report.durationMs,
    hostsChanged: changedHosts.size,
    stepsApplied: stepList.reduce((a, k) => a + k.applied, 0),
    stepsFailed: stepList.reduce((a, k) => a + k.failed, 0),
    steps: stepList,
    handlers: handlerList,
    handlerTotalMs: handlerList.reduce((a, h) => a + h.totalMs, 0),
    stepDurationsInReport: complete,
    note: complete ? 'step durations from the report (changes[].durationMs)' : NOTE_MISSING,
  };
}

/** The breakdown as lines for stdout. */
export function renderBreakdown(b: SetupBreakdown): string[] {
  const s = (ms: number | null) => (ms === null ? '   n/a' : (ms / 1000).toFixed(1).padStart(6));
  return [
    `   setup, where the time goes (tool's JSON report: ${b.stepsApplied} steps applied on ${b.hostsChanged} hosts, ${b.stepsFailed} failed; run ${(b.reportDurationMs / 1000).toFixed(1)} s)`,
    '   step kind (role / check / verb)                                   steps  hosts  sum s',
    ...b.steps.map(
      (k) =>
        `   ${`${k.role} / ${k.check} / ${k.verb}`.padEnd(64)} ${String(k.applied).padStart(5)}  ${String(k.hosts).padStart(5)}  ${s(k.totalMs)}`,
    ),
    '   handler (role / name)                                             runs   median s  max s  sum s',
    ...b.handlers.map(
      (h) => `   ${`${h.role} / ${h.name}`.padEnd(64)} ${String(h.runs).padStart(5)}  ${s(h.medianMs)}  ${s(h.maxMs)}  ${s(h.totalMs)}`,
    ),
    `   ${b.note}`,
  ];
}
