/**
 * JUnit XML for CI dashboards (conventions §5): one <testsuite> per host, one <testcase> per check.
 * drift and error → <failure> (type "drift"/"error") with the findings as body; skipped → <skipped message>;
 * an unreachable host gets a testcase `connect` with <error>. A smoke run adds a `smoke` suite, a testcase per
 * stage. Names are check ids and host names only: nothing secret can reach them.
 */
import type { CheckResult, HostResult, RunReport, SmokeStage } from '../result/model.js';
import { effectiveSeverity } from '../result/severity.js';
import { formatSeconds } from './seconds.js';
import { escapeXml, xmlAttrs } from './xml.js';

interface Testcase {
  name: string;
  classname: string;
  timeMs: number;
  outcome?: { kind: 'failure' | 'error' | 'skipped'; type?: string; message: string; body?: string };
  systemOut?: string;
}

function findingsBody(check: CheckResult): string {
  return check.findings
    .flatMap((f) => [
      `${f.code} [${effectiveSeverity(f, check)}]: ${f.message}`,
      ...(f.expected !== undefined ? [`  expected: ${f.expected}`] : []),
      ...(f.actual !== undefined ? [`  actual:   ${f.actual}`] : []),
    ])
    .join('\n');
}

/** `--state`: per (host, check) one line on what changed since the last run, in the testcase's system-out. */
type HistoryNotes = Map<string, string>;

function historyNotes(report: RunReport): HistoryNotes {
  const notes: HistoryNotes = new Map();
  const s = report.sinceLastRun;
  if (!s) return notes;
  for (const e of s.new) notes.set(`${e.host}\u0000${e.check}`, 'new since last run');
  for (const e of s.persisting) notes.set(`${e.host}\u0000${e.check}`, `still failing since ${e.since}`);
  for (const e of s.fixed) notes.set(`${e.host}\u0000${e.check}`, `fixed since last run (failing since ${e.since})`);
  return notes;
}

function checkTestcase(host: HostResult, check: CheckResult, notes: HistoryNotes): Testcase {
  const changes = check.changes.map((c) => `${c.status}: ${c.describe}${c.error ? `: ${c.error}` : ''}`);
  const note = notes.get(`${host.name}\u0000${check.id}`);
  const base = {
    name: check.id,
    classname: host.name,
    timeMs: check.durationMs,
    systemOut: [check.title, ...changes, ...(note ? [note] : [])].join('\n'),
  };
  switch (check.status) {
    case 'drift':
      return {
        ...base,
        outcome: {
          kind: 'failure',
          type: 'drift',
          message: `${check.findings.length} finding(s): ${check.findings[0]?.message ?? ''}`,
          body: findingsBody(check),
        },
      };
    case 'error': {
      const body = [check.reason ?? '', findingsBody(check)].filter(Boolean).join('\n');
      return { ...base, outcome: { kind: 'failure', type: 'error', message: check.reason ?? 'check errored', body } };
    }
    case 'skipped':
      return { ...base, outcome: { kind: 'skipped', message: check.reason ?? 'skipped' } };
    default:
      return base;
  }
}

function hostTestcases(host: HostResult, notes: HistoryNotes): Testcase[] {
  const cases: Testcase[] = [];
  if (!host.reachable && host.skipped === undefined) {
    const message = host.error ?? 'unreachable';
    cases.push({
      name: 'connect',
      classname: host.name,
      timeMs: 0,
      outcome: { kind: 'error', type: 'unreachable', message, body: message },
    });
  }
  return [...cases, ...host.checks.map((c) => checkTestcase(host, c, notes))];
}

function stageTestcase(stage: SmokeStage): Testcase {
  const base = {
    name: stage.name,
    classname: 'smoke',
    timeMs: stage.durationMs,
    systemOut: [stage.message, ...(stage.details ?? [])].join('\n'),
  };
  if (stage.status === 'failed')
    return { ...base, outcome: { kind: 'failure', type: 'smoke', message: stage.message, body: (stage.details ?? []).join('\n') } };
  if (stage.status === 'skipped') return { ...base, outcome: { kind: 'skipped', message: stage.message } };
  return base;
}

function renderTestcase(tc: Testcase): string[] {
  const open = `    <testcase${xmlAttrs({ classname: tc.classname, name: tc.name, time: formatSeconds(tc.timeMs) })}`;
  const inner: string[] = [];
  const o = tc.outcome;
  if (o?.kind === 'skipped') inner.push(`      <skipped${xmlAttrs({ message: o.message })}/>`);
  else if (o) inner.push(`      <${o.kind}${xmlAttrs({ message: o.message, type: o.type })}>${escapeXml(o.body ?? '')}</${o.kind}>`);
  if (tc.systemOut) inner.push(`      <system-out>${escapeXml(tc.systemOut)}</system-out>`);
  return inner.length ? [`${open}>`, ...inner, '    </testcase>'] : [`${open}/>`];
}

interface SuiteCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  timeMs: number;
}

function countCases(cases: Testcase[]): SuiteCounts {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.outcome?.kind === 'failure').length,
    errors: cases.filter((c) => c.outcome?.kind === 'error').length,
    skipped: cases.filter((c) => c.outcome?.kind === 'skipped').length,
    timeMs: cases.reduce((sum, c) => sum + c.timeMs, 0),
  };
}

interface Suite {
  name: string;
  attrs: Record<string, string | undefined>;
  properties: Record<string, string>;
  cases: Testcase[];
}

function renderSuite(suite: Suite, timestamp: string): string[] {
  const n = countCases(suite.cases);
  const attrs = xmlAttrs({
    name: suite.name,
    ...suite.attrs,
    tests: n.tests,
    failures: n.failures,
    errors: n.errors,
    skipped: n.skipped,
    time: formatSeconds(n.timeMs),
    timestamp,
  });
  const props = Object.entries(suite.properties).map(([k, v]) => `      <property${xmlAttrs({ name: k, value: v })}/>`);
  const properties = props.length ? ['    <properties>', ...props, '    </properties>'] : [];
  return [`  <testsuite${attrs}>`, ...properties, ...suite.cases.flatMap(renderTestcase), '  </testsuite>'];
}

function hostSuite(host: HostResult, notes: HistoryNotes): Suite {
  const properties = {
    role: host.role,
    reachable: String(host.reachable),
    connections: String(host.stats.connections),
    execs: String(host.stats.execs),
  };
  return { name: host.name, attrs: { hostname: host.address }, properties, cases: hostTestcases(host, notes) };
}

/** The JUnit document, newline-terminated. */
export function renderJunit(report: RunReport): string {
  const notes = historyNotes(report);
  const suites = report.hosts.map((h) => hostSuite(h, notes));
  if (report.smoke) suites.push({ name: 'smoke', attrs: {}, properties: {}, cases: report.smoke.stages.map(stageTestcase) });
  const all = countCases(suites.flatMap((s) => s.cases));
  const name = `ovirt-floppy ${report.command}${report.dryRun ? ' --dry-run' : ''}`;
  const root = xmlAttrs({
    name,
    tests: all.tests,
    failures: all.failures,
    errors: all.errors,
    skipped: all.skipped,
    time: formatSeconds(report.durationMs),
    timestamp: report.startedAt,
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${root}>`,
    ...suites.flatMap((s) => renderSuite(s, report.startedAt)),
    '</testsuites>',
    '',
  ].join('\n');
}
