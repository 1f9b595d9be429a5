/**
 * What the default (not verbose) human report shows of one check on one host, as plain data: only what is
 * not ok, per-level repeats folded, info findings left out. Two hosts whose views are equal are one line of
 * the report (human-grouped.ts), so a view holds nothing host-specific that the check did not say itself.
 */
import type { ChangeRecord, CheckResult, HostResult } from '../result/model.js';
import type { Shown } from './paint.js';
import { shownStatus } from './human-host.js';
import { foldLevels } from './level-fold.js';
import { foldHosts } from './host-fold.js';
import { effectiveSeverity } from '../result/severity.js';

export interface FindingView {
  code: string;
  message: string;
  /** ` [warn]`, ` [manual]` … */
  tag: string;
  expected?: string;
  actual?: string;
}

export interface ChangeView {
  status: ChangeRecord['status'];
  describe: string;
  notify?: string;
  error?: string;
  diff?: string;
}

export interface CheckView {
  id: string;
  title: string;
  shown: Shown;
  reason?: string;
  findings: FindingView[];
  changes: ChangeView[];
}

/** A skip is worth showing when a failure caused it (`needs X (drift)`), not when the check does not apply. */
export function skippedByFailure(check: CheckResult): boolean {
  return check.status === 'skipped' && /^needs /.test(check.reason ?? '');
}

/** Whether the default report shows this check: drift, error, fixed (apply changed it) or a skip a failure caused. */
export function worthShowing(check: CheckResult, host: HostResult): boolean {
  if (check.status === 'error') {
    // The host's own error line already says it for every check it failed.
    return !((host.error !== undefined && check.reason === host.error) || (!host.reachable && check.reason === 'not probed'));
  }
  return check.status === 'drift' || check.status === 'fixed' || skippedByFailure(check);
}

function findingViews(check: CheckResult, hostNames: ReadonlySet<string>): FindingView[] {
  // Info findings never make a check drift; they are context for `-v`.
  const visible = check.findings.filter((f) => effectiveSeverity(f, check) !== 'info');
  const items = visible.map((f) => {
    const severity = effectiveSeverity(f, check);
    const tags = [severity === 'error' ? undefined : severity, f.fixable === false ? 'manual' : undefined].filter(Boolean);
    return { text: f.message, rest: `${f.code}\u0001${tags.join(',')}`, finding: f, tag: tags.map((t) => ` [${t}]`).join('') };
  });
  const byLevel = foldLevels(items).map(({ text, members }) => {
    const [head] = members;
    const same = (pick: (m: (typeof items)[number]) => string | undefined) => new Set(members.map(pick)).size === 1;
    const view: FindingView = { code: head!.finding.code, message: text, tag: head!.tag };
    // Folded levels each have their own full property value; print expected/actual only when they agree.
    if (same((m) => m.finding.expected) && head!.finding.expected !== undefined) view.expected = head!.finding.expected;
    if (same((m) => m.finding.actual) && head!.finding.actual !== undefined) view.actual = head!.finding.actual;
    return view;
  });
  // Then per host (a manager check about every hypervisor): only views equal in all but the host name fold.
  const hostItems = byLevel.map((view) => ({
    text: view.message,
    rest: JSON.stringify([view.code, view.tag, view.expected, view.actual]),
    view,
  }));
  return foldHosts(hostItems, hostNames).map(({ text, members }) => ({ ...members[0]!.view, message: text }));
}

function changeViews(check: CheckResult, showDiff: boolean): ChangeView[] {
  const items = check.changes.map((c) => ({
    text: c.describe,
    rest: JSON.stringify([c.status, c.notify, c.error, showDiff ? c.diff : undefined]),
    change: c,
  }));
  return foldLevels(items).map(({ text, members }) => {
    const c = members[0]!.change;
    const view: ChangeView = { status: c.status, describe: text };
    if (c.notify) view.notify = c.notify;
    if (c.error) view.error = c.error;
    if (showDiff && c.diff) view.diff = c.diff;
    return view;
  });
}

/** `hostNames`: the run's hosts, whose names may lead a finding that then folds across hosts (host-fold.ts). */
export function checkView(check: CheckResult, showDiff: boolean, hostNames: ReadonlySet<string> = new Set()): CheckView {
  const findings = findingViews(check, hostNames);
  const view: CheckView = { id: check.id, title: check.title, shown: shownStatus(check), findings, changes: changeViews(check, showDiff) };
  if (check.reason) view.reason = check.reason;
  return view;
}
