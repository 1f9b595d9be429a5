/**
 * The human report — the only module that imports chalk (DESIGN §3). Colour is by status only and is off
 * when NO_COLOR is set, with `--no-color`, or when the output is not a terminal.
 */
import { Chalk, type ChalkInstance, supportsColor, supportsColorStderr } from 'chalk';
import type { RunReport } from '../result/model.js';
import { renderHostBlock } from './human-host.js';
import { renderNotOk } from './human-grouped.js';
import { renderSmokeStages, renderSummaryTable, renderVerdict, SUMMARY_HOST_ROWS_MAX } from './human-summary.js';
import type { Paint, Shown } from './paint.js';
import { sinceLastRunLines } from './since-last-run-lines.js';
import { countReport } from '../result/summary.js';

export type ColorLevel = 0 | 1 | 2 | 3;

export interface HumanOptions {
  /** 0 = no colour (what tests and files get). @defaultValue 0 */
  colorLevel?: ColorLevel;
  /** Show ChangeRecord.diff under each change (`--diff`). @defaultValue false */
  showDiff?: boolean;
  /** `-v`: every check of every host, one block per host. Otherwise only what is not ok, grouped. @defaultValue false */
  verbose?: boolean;
}

/**
 * Colour level for a stream: 0 with `--no-color`, with NO_COLOR set to anything but "" (no-color.org), or off a
 * TTY (unless FORCE_COLOR asks for colour); otherwise what chalk detects for this terminal (at least 1).
 */
export function resolveColorLevel(options: {
  color: boolean;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** Which stream the text goes to, for chalk's terminal detection. @defaultValue "stdout" */
  stream?: 'stdout' | 'stderr';
}): ColorLevel {
  if (!options.color) return 0;
  if (options.env.NO_COLOR !== undefined && options.env.NO_COLOR !== '') return 0;
  const forced = options.env.FORCE_COLOR;
  if (forced !== undefined && forced !== '0' && forced !== 'false') return forced === '2' ? 2 : forced === '3' ? 3 : 1;
  if (!options.isTTY) return 0;
  const info = options.stream === 'stderr' ? supportsColorStderr : supportsColor;
  const detected = info ? info.level : 0;
  return (detected === 0 ? 1 : detected) as ColorLevel;
}

function paintFor(chalk: ChalkInstance): Paint {
  const byStatus: Record<Shown, ChalkInstance> = {
    ok: chalk.green,
    drift: chalk.red,
    warn: chalk.yellow,
    fixed: chalk.cyan,
    skipped: chalk.gray,
    error: chalk.magenta.bold,
  };
  return {
    status: (shown, text) => byStatus[shown](text),
    bold: (text) => chalk.bold(text),
    dim: (text) => (text ? chalk.dim(text) : text),
    diffLine: (line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return chalk.bold(line);
      if (line.startsWith('+')) return chalk.green(line);
      if (line.startsWith('-')) return chalk.red(line);
      if (line.startsWith('@@')) return chalk.cyan(line);
      return line;
    },
  };
}

function headerLine(report: RunReport, paint: Paint, verbose: boolean): string {
  const c = countReport(report);
  const what = `${report.command}${report.dryRun ? ' --dry-run' : ''}`;
  const scope = verbose ? '' : '; what is not ok (-v: every check)';
  return (
    paint.bold(`ovirt-floppy ${what}`) + paint.dim(` — ${c.hosts} host${c.hosts === 1 ? '' : 's'}, started ${report.startedAt}${scope}`)
  );
}

/** The whole human report, newline-terminated. */
export function renderHuman(report: RunReport, options: HumanOptions = {}): string {
  const paint = paintFor(new Chalk({ level: options.colorLevel ?? 0 }));
  const showDiff = options.showDiff ?? false;
  const verbose = options.verbose ?? false;
  const lines = [headerLine(report, paint, verbose), ''];
  if (verbose) for (const host of report.hosts) lines.push(...renderHostBlock(host, { paint, showDiff }), '');
  else lines.push(...renderNotOk(report, { paint, showDiff }));
  if (report.smoke) lines.push(...renderSmokeStages(report.smoke.stages, paint), '');
  if (report.sinceLastRun)
    lines.push(
      paint.bold(`Since last run${report.sinceLastRun.lastRunAt ? ` (${report.sinceLastRun.lastRunAt})` : ''}`),
      ...sinceLastRunLines(report.sinceLastRun).map((l) => `  ${l}`),
      '',
    );
  const byRole = !verbose && report.hosts.length > SUMMARY_HOST_ROWS_MAX;
  lines.push(...renderSummaryTable(report, paint, byRole), '', renderVerdict(report, paint));
  return `${lines.join('\n')}\n`;
}
