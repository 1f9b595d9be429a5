/**
 * One host's block of the human report: a line per check, its findings with expected/actual, its planned or
 * applied changes (with diffs under `--diff`), and the handlers that ran. Pure layout; colour comes in `paint`.
 */
import type { Finding } from '../check-api.js';
import type { ChangeRecord, CheckResult, HandlerRecord, HostResult } from '../result/model.js';
import { type Paint, type Shown, SYMBOLS, humanDuration, padEnd } from './paint.js';
import { driftSeverity, effectiveSeverity } from '../result/severity.js';

export interface HostBlockOptions {
  paint: Paint;
  /** Render ChangeRecord.diff under each change. @defaultValue false */
  showDiff: boolean;
}

export function shownStatus(check: CheckResult): Shown {
  return check.status === 'drift' && driftSeverity(check) === 'warn' ? 'warn' : check.status;
}

export const CHANGE_LABEL: Record<ChangeRecord['status'], { shown: Shown; symbol: string; word: string }> = {
  planned: { shown: 'drift', symbol: '→', word: 'planned' },
  applied: { shown: 'fixed', symbol: '✔', word: 'applied' },
  failed: { shown: 'error', symbol: '✖', word: 'failed' },
  'not-run': { shown: 'skipped', symbol: '–', word: 'not run' },
};

function findingLines(finding: Finding, check: CheckResult, paint: Paint): string[] {
  const severity = effectiveSeverity(finding, check);
  const tags = [severity === 'error' ? undefined : severity, finding.fixable === false ? 'manual' : undefined];
  const tag = tags
    .filter(Boolean)
    .map((t) => ` [${t}]`)
    .join('');
  const lines = [`      • ${finding.code}: ${finding.message}${paint.dim(tag)}`];
  if (finding.expected !== undefined) lines.push(`          expected: ${finding.expected}`);
  if (finding.actual !== undefined) lines.push(`          actual:   ${finding.actual}`);
  return lines;
}

function changeLines(change: ChangeRecord, options: HostBlockOptions): string[] {
  const { paint } = options;
  const label = CHANGE_LABEL[change.status];
  const notify = change.notify ? paint.dim(` (then ${change.notify})`) : '';
  const error = change.error ? `: ${change.error}` : '';
  const lines = [`      ${paint.status(label.shown, `${label.symbol} ${padEnd(label.word, 8)}`)} ${change.describe}${notify}${error}`];
  if (options.showDiff && change.diff) {
    for (const line of change.diff.replace(/\n$/, '').split('\n')) lines.push(`          ${paint.diffLine(line)}`);
  }
  return lines;
}

function checkLines(check: CheckResult, idWidth: number, options: HostBlockOptions): string[] {
  const { paint } = options;
  const shown = shownStatus(check);
  const mark = paint.status(shown, `${SYMBOLS[shown]} ${padEnd(shown, 8)}`);
  const lines = [`  ${mark} ${padEnd(check.id, idWidth)}  ${paint.dim(check.title)}`];
  if (check.reason) lines.push(`      ${check.status === 'error' ? paint.status('error', check.reason) : paint.dim(check.reason)}`);
  for (const finding of check.findings) lines.push(...findingLines(finding, check, paint));
  for (const change of check.changes) lines.push(...changeLines(change, options));
  return lines;
}

function handlerLine(handler: HandlerRecord, paint: Paint): string {
  const shown: Shown = handler.status === 'applied' ? 'fixed' : 'error';
  const error = handler.error ? `: ${handler.error}` : '';
  return `  ${paint.status(shown, `${SYMBOLS[shown]} handler`)} ${handler.name} ${handler.status} (${humanDuration(handler.durationMs)})${error}`;
}

/** The block for one host, without a trailing blank line. */
export function renderHostBlock(host: HostResult, options: HostBlockOptions): string[] {
  const { paint } = options;
  const lines = [paint.bold(`${host.name} (${host.role}, ${host.address})`)];
  if (host.skipped !== undefined) {
    lines.push(`  ${paint.status('skipped', `${SYMBOLS.skipped} not contacted`)}: ${host.skipped}`);
  } else if (!host.reachable) {
    lines.push(`  ${paint.status('error', `${SYMBOLS.error} unreachable`)}: ${host.error ?? 'no connection'}`);
  } else if (host.error) {
    lines.push(`  ${paint.status('error', `${SYMBOLS.error} ${host.error}`)}`);
  }
  const idWidth = Math.max(0, ...host.checks.map((c) => c.id.length));
  for (const check of host.checks) lines.push(...checkLines(check, idWidth, options));
  for (const handler of host.handlers) lines.push(handlerLine(handler, paint));
  return lines;
}
