/**
 * Nagios/Icinga plugin output (conventions §5): a first line `OVIRT-FLOPPY <STATE> - <counts>` of at most 80
 * characters before the `|`, perfdata `checks=N failed=N fixed=N unreachable=N duration=Xs` after it, then one
 * long-output line per failing host, check or smoke stage. States and exit codes: src/result/exit-code.ts.
 */
import type { RunReport } from '../result/model.js';
import { NAGIOS_CODES, type NagiosState, nagiosStateFor } from '../result/exit-code.js';
import { driftSeverity, effectiveSeverity } from '../result/severity.js';
import { countReport, type ReportCounts } from '../result/summary.js';
import { formatSeconds } from './seconds.js';
import { sinceLastRunLines } from './since-last-run-lines.js';

const PREFIX = 'OVIRT-FLOPPY';
const MAX_FIRST_LINE = 80;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The text after `<STATE> - `, shortened (skipped, then ok dropped) until the line fits. */
function summaryText(state: NagiosState, c: ReportCounts): string {
  const hosts = `${plural(c.hosts, 'host')}${c.unreachable ? ` (${c.unreachable} unreachable)` : ''}`;
  const optional: [string, number][] = [
    ['ok', c.ok],
    ['failed', c.failed],
    ['fixed', c.fixed],
    ['skipped', c.skipped],
  ];
  const smoke = c.smokeFailed ? `, ${c.smokeFailed} smoke failed` : '';
  for (const drop of [[], ['skipped'], ['skipped', 'ok']]) {
    const parts = optional.filter(([name, n]) => n > 0 && !drop.includes(name)).map(([name, n]) => `${n} ${name}`);
    const text = `${hosts}, ${plural(c.checks, 'check')}${parts.length ? `: ${parts.join(', ')}` : ''}${smoke}`;
    if (`${PREFIX} ${state} - ${text}`.length <= MAX_FIRST_LINE) return text;
  }
  return `${plural(c.checks, 'check')}, ${c.failed} failed, ${c.unreachable} unreachable`;
}

function perfdata(report: RunReport, c: ReportCounts): string {
  return `checks=${c.checks} failed=${c.failed} fixed=${c.fixed} unreachable=${c.unreachable} duration=${formatSeconds(report.durationMs)}s`;
}

/** One line per problem, naming host and check, so the alert says where to look. */
function longOutput(report: RunReport): string[] {
  const lines: string[] = [];
  for (const host of report.hosts) {
    if (!host.reachable && host.skipped === undefined) lines.push(`${host.name}: unreachable: ${host.error ?? 'no connection'}`);
    for (const check of host.checks) {
      if (check.status === 'error') lines.push(`${host.name} ${check.id}: error: ${check.reason ?? 'check errored'}`);
      if (check.status !== 'drift') continue;
      const findings = check.findings.filter((f) => effectiveSeverity(f, check) !== 'info');
      const detail = findings.map((f) => `${f.code}: ${f.message}`).join('; ') || check.title;
      lines.push(`${host.name} ${check.id}: drift (${driftSeverity(check)}): ${detail}`);
    }
  }
  for (const stage of report.smoke?.stages ?? []) {
    if (stage.status === 'failed') lines.push(`smoke ${stage.name}: failed: ${stage.message}`);
  }
  if (report.sinceLastRun) lines.push(...sinceLastRunLines(report.sinceLastRun, true));
  return lines.map((l) => l.replace(/[\r\n|]+/g, ' '));
}

/** Plugin output of a finished run, newline-terminated; the exit code is NAGIOS_CODES[state]. */
export function renderNagios(report: RunReport): { text: string; exitCode: 0 | 1 | 2 | 3 } {
  const state = nagiosStateFor(report);
  const c = countReport(report);
  const first = `${PREFIX} ${state} - ${summaryText(state, c)} | ${perfdata(report, c)}`;
  return { text: [first, ...longOutput(report)].join('\n') + '\n', exitCode: NAGIOS_CODES[state] };
}

/** `OVIRT-FLOPPY UNKNOWN - <why>` for a run that could not happen (usage, config or internal error). */
export function renderNagiosUnknown(why: string): string {
  const oneLine = why.replace(/\s+/g, ' ').trim().replace(/\|/g, '/');
  const head = `${PREFIX} UNKNOWN - `;
  const room = MAX_FIRST_LINE - head.length;
  return `${head}${oneLine.length > room ? `${oneLine.slice(0, room - 1)}…` : oneLine}\n`;
}
