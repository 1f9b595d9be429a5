/**
 * The end of the human report: a host × status table, the smoke stages, and one verdict line that says what
 * the exit code will say. Pure layout; colour comes in `paint`.
 */
import type { Status } from '../check-api.js';
import { isUnreachable, type HostResult, type RunReport, type SmokeStage } from '../result/model.js';
import { exitCodeFor } from '../result/exit-code.js';
import { type Paint, type Shown, SYMBOLS, humanDuration, padEnd, padStart } from './paint.js';
import { countReport } from '../result/summary.js';

const COLUMNS: Status[] = ['ok', 'drift', 'fixed', 'skipped', 'error'];

function hostCounts(host: HostResult): Record<Status, number> {
  const counts: Record<Status, number> = { ok: 0, drift: 0, fixed: 0, skipped: 0, error: 0 };
  for (const check of host.checks) counts[check.status] += 1;
  return counts;
}

interface SummaryRow {
  name: string;
  role: string;
  counts: Record<Status, number>;
  note: string;
}

/** Above this many hosts the summary has a row per role instead of per host. */
export const SUMMARY_HOST_ROWS_MAX = 8;

function hostRows(report: RunReport): SummaryRow[] {
  return report.hosts.map((h) => ({
    name: h.name,
    role: h.role,
    counts: hostCounts(h),
    note: h.skipped !== undefined ? 'skipped' : h.reachable ? '' : 'unreachable',
  }));
}

/** One row per role: `hypervisor  20 hosts  …`, noting how many hosts are unreachable or not ok. */
function roleRows(report: RunReport): SummaryRow[] {
  const rows = new Map<string, { hosts: HostResult[]; counts: Record<Status, number> }>();
  for (const host of report.hosts) {
    const row = rows.get(host.role) ?? { hosts: [], counts: { ok: 0, drift: 0, fixed: 0, skipped: 0, error: 0 } };
    row.hosts.push(host);
    for (const [status, n] of Object.entries(hostCounts(host)) as [Status, number][]) row.counts[status] += n;
    rows.set(host.role, row);
  }
  return [...rows].map(([role, row]) => {
    const unreachable = row.hosts.filter(isUnreachable).length;
    const skipped = row.hosts.filter((h) => h.skipped !== undefined).length;
    const notOk = row.hosts.filter((h) => h.reachable && h.checks.some((c) => c.status === 'drift' || c.status === 'error')).length;
    const notes = [
      notOk ? `${notOk} not ok` : '',
      unreachable ? `${unreachable} unreachable` : '',
      skipped ? `${skipped} skipped` : '',
    ].filter(Boolean);
    return { name: role, role: `${row.hosts.length} host${row.hosts.length === 1 ? '' : 's'}`, counts: row.counts, note: notes.join(', ') };
  });
}

/**
 * `host role ok drift fixed skipped error` with a total row; non-zero cells coloured by their status. With
 * `byRole` (many hosts), one row per role, so the summary does not grow with the fleet.
 */
export function renderSummaryTable(report: RunReport, paint: Paint, byRole = false): string[] {
  const rows = byRole ? roleRows(report) : hostRows(report);
  const total: Record<Status, number> = { ok: 0, drift: 0, fixed: 0, skipped: 0, error: 0 };
  for (const row of rows) for (const s of COLUMNS) total[s] += row.counts[s];
  const [nameHead, roleHead] = byRole ? ['role', 'hosts'] : ['host', 'role'];
  const nameWidth = Math.max(nameHead.length, 5, ...rows.map((r) => [...r.name].length));
  const roleWidth = Math.max(roleHead.length, ...rows.map((r) => r.role.length));
  const cell = (status: Status, n: number) => {
    const text = padStart(String(n), status.length);
    return n > 0 && status !== 'ok' ? paint.status(status, text) : n > 0 ? paint.status('ok', text) : paint.dim(text);
  };
  const noteShown = (note: string) => (note.includes('unreachable') ? paint.status('error', note) : paint.dim(note));
  const line = (name: string, role: string, counts: Record<Status, number>, note: string) =>
    `  ${padEnd(name, nameWidth)}  ${padEnd(role, roleWidth)}  ${COLUMNS.map((s) => cell(s, counts[s])).join('  ')}` +
    (note ? `  ${noteShown(note)}` : '');
  return [
    paint.bold('Summary'),
    paint.dim(`  ${padEnd(nameHead, nameWidth)}  ${padEnd(roleHead, roleWidth)}  ${COLUMNS.join('  ')}`),
    ...rows.map((r) => line(r.name, r.role, r.counts, r.note)),
    line('total', '', total, ''),
  ];
}

function stageShown(stage: SmokeStage): Shown {
  return stage.status === 'ok' ? 'ok' : stage.status === 'failed' ? 'drift' : 'skipped';
}

export function renderSmokeStages(stages: SmokeStage[], paint: Paint): string[] {
  const width = Math.max(0, ...stages.map((s) => s.name.length));
  const lines = [paint.bold('Smoke test')];
  for (const stage of stages) {
    const shown = stageShown(stage);
    const mark = paint.status(shown, `${SYMBOLS[shown]} ${padEnd(stage.status, 8)}`);
    lines.push(`  ${mark} ${padEnd(stage.name, width)}  ${stage.message} ${paint.dim(`(${humanDuration(stage.durationMs)})`)}`);
    for (const detail of stage.details ?? []) lines.push(`      ${paint.dim(detail)}`);
  }
  return lines;
}

/** One line that agrees with exitCodeFor(report). */
export function renderVerdict(report: RunReport, paint: Paint): string {
  const c = countReport(report);
  const code = exitCodeFor(report);
  const dry = report.dryRun
    ? ` ${paint.dim(`(dry run: nothing was changed; ${c.changesPlanned} change${c.changesPlanned === 1 ? '' : 's'} planned)`)}`
    : '';
  const duration = paint.dim(` in ${humanDuration(report.durationMs)}`);
  if (code === 3) {
    const parts = [
      c.unreachable ? `${c.unreachable} host${c.unreachable === 1 ? '' : 's'} unreachable` : '',
      c.error ? `${c.error} check${c.error === 1 ? '' : 's'} errored` : '',
    ];
    return `${paint.status('error', `${SYMBOLS.error} incomplete:`)} ${parts.filter(Boolean).join(', ')}${duration}${dry}`;
  }
  if (code === 1) {
    const parts = [
      c.drift ? `${c.drift} check${c.drift === 1 ? '' : 's'} drifting` : '',
      c.smokeFailed ? `${c.smokeFailed} smoke stage${c.smokeFailed === 1 ? '' : 's'} failed` : '',
    ];
    const hint = report.command === 'check' && c.drift ? paint.dim(' — `ovirt-floppy apply` fixes what can be fixed') : '';
    return `${paint.status('drift', `${SYMBOLS.drift} ${parts.filter(Boolean).join(', ')}`)}${duration}${dry}${hint}`;
  }
  const fixed = c.fixed ? `, ${c.fixed} fixed (${c.changesApplied} change${c.changesApplied === 1 ? '' : 's'} applied)` : '';
  return `${paint.status('ok', `${SYMBOLS.ok} all ok`)}: ${c.checks} check${c.checks === 1 ? '' : 's'} on ${c.hosts} host${c.hosts === 1 ? '' : 's'}${fixed}${duration}${dry}`;
}
