/**
 * The default human report body: only what is not ok, each identical finding once for all the hosts that
 * have it (`hv1–hv20 (20 hosts)`), per-level repeats folded, long values once in a legend. Its size depends
 * on how many DIFFERENT problems there are, not on how many hosts share them. Pure: report in, lines out.
 */
import type { HostResult, RunReport } from '../result/model.js';
import { CHANGE_LABEL } from './human-host.js';
import { hostGroupLabel } from './host-ranges.js';
import { checkView, worthShowing, type CheckView } from './check-view.js';
import { collectLongValues, legendLines, type LongValues } from './long-values.js';
import { type Paint, SYMBOLS, padEnd } from './paint.js';

interface Group {
  /** Report order of the first host, then of the check: the order the report prints groups in. */
  order: [number, number];
  hosts: HostResult[];
  /** A host-level problem (unreachable, probe failed) or a check. */
  hostProblem?: { unreachable: boolean; error: string };
  check?: CheckView;
}

function collectGroups(report: RunReport, showDiff: boolean): Group[] {
  const groups = new Map<string, Group>();
  const hostNames = new Set(report.hosts.map((h) => h.name));
  const add = (key: string, host: HostResult, order: [number, number], fill: Omit<Group, 'order' | 'hosts'>) => {
    const group = groups.get(key);
    if (group) group.hosts.push(host);
    else groups.set(key, { order, hosts: [host], ...fill });
  };
  report.hosts.forEach((host, h) => {
    if (!host.reachable || host.error) {
      const problem = { unreachable: !host.reachable, error: host.error ?? 'no connection' };
      add(`host\u0000${JSON.stringify(problem)}`, host, [h, -1], { hostProblem: problem });
    }
    host.checks.forEach((check, c) => {
      if (!worthShowing(check, host)) return;
      const view = checkView(check, showDiff, hostNames);
      add(`check\u0000${JSON.stringify(view)}`, host, [h, c], { check: view });
    });
  });
  return [...groups.values()];
}

function textsOf(group: Group): string[] {
  const v = group.check;
  if (!v) return [group.hostProblem?.error ?? ''];
  return [
    v.reason ?? '',
    ...v.findings.flatMap((f) => [f.message, f.expected ?? '', f.actual ?? '']),
    ...v.changes.flatMap((c) => [c.describe, c.error ?? '', ...(c.diff ?? '').split('\n')]),
  ];
}

function checkLines(v: CheckView, idWidth: number, paint: Paint, long: LongValues): string[] {
  const s = long.shorten;
  const lines = [`  ${paint.status(v.shown, `${SYMBOLS[v.shown]} ${padEnd(v.shown, 8)}`)} ${padEnd(v.id, idWidth)}  ${paint.dim(v.title)}`];
  if (v.reason) lines.push(`      ${v.shown === 'error' ? paint.status('error', s(v.reason)) : paint.dim(s(v.reason))}`);
  for (const f of v.findings) {
    lines.push(`      • ${f.code}: ${s(f.message)}${paint.dim(f.tag)}`);
    if (f.expected !== undefined) lines.push(`          expected: ${s(f.expected)}`);
    if (f.actual !== undefined) lines.push(`          actual:   ${s(f.actual)}`);
  }
  for (const c of v.changes) {
    const label = CHANGE_LABEL[c.status];
    const notify = c.notify ? paint.dim(` (then ${c.notify})`) : '';
    lines.push(
      `      ${paint.status(label.shown, `${label.symbol} ${padEnd(label.word, 8)}`)} ${s(c.describe)}${notify}${c.error ? `: ${s(c.error)}` : ''}`,
    );
    if (c.diff) for (const line of c.diff.replace(/\n$/, '').split('\n')) lines.push(`          ${paint.diffLine(s(line))}`);
  }
  return lines;
}

function blockHeader(hosts: HostResult[]): string {
  if (hosts.length === 1) {
    const [h] = hosts;
    return `${h!.name} (${h!.role}, ${h!.address})`;
  }
  const roles = [...new Set(hosts.map((h) => h.role))];
  return `${hostGroupLabel(hosts.map((h) => h.name)).replace(/ hosts\)$/, ` hosts: ${roles.join(', ')})`)}`;
}

/**
 * The lines between the header and the summary: a legend of long values (when one repeats), then one block
 * per set of hosts, each listing what is not ok there. Empty when everything is ok.
 */
export function renderNotOk(report: RunReport, options: { paint: Paint; showDiff: boolean }): string[] {
  const { paint } = options;
  const groups = collectGroups(report, options.showDiff);
  const long = collectLongValues(groups.flatMap(textsOf));
  // Blocks: groups with the same set of hosts, in the order of their first group.
  const blocks = new Map<string, Group[]>();
  const sorted = [...groups].sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1]);
  for (const g of sorted) {
    const key = g.hosts.map((h) => h.name).join('\n');
    blocks.set(key, [...(blocks.get(key) ?? []), g]);
  }
  const lines: string[] = [];
  if (long.values.length > 0) lines.push(paint.bold('Long values, shown below as ‹n›'), ...legendLines(long.values), '');
  for (const block of blocks.values()) {
    lines.push(paint.bold(blockHeader(block[0]!.hosts)));
    const idWidth = Math.max(0, ...block.map((g) => g.check?.id.length ?? 0));
    for (const g of block) {
      if (g.hostProblem) {
        const what = g.hostProblem.unreachable ? `${SYMBOLS.error} unreachable` : `${SYMBOLS.error} probe failed`;
        lines.push(`  ${paint.status('error', what)}: ${long.shorten(g.hostProblem.error)}`);
      }
      if (g.check) lines.push(...checkLines(g.check, idWidth, paint, long));
    }
    lines.push('');
  }
  return lines;
}
