/**
 * The formatter table (goss `outputs/` style): `--format` picks one; each turns a RunReport into text.
 * The exit code of a finished run depends on the format only for nagios (src/result/exit-code.ts).
 */
import { type ColorLevel, renderHuman } from './human.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import type { RunReport } from '../result/model.js';
import { renderNagios } from './nagios.js';
import { renderPrometheus } from './prometheus.js';

export const REPORT_FORMATS = ['human', 'json', 'junit', 'nagios', 'prometheus'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** human only. @defaultValue 0 */
  colorLevel?: ColorLevel;
  /** human only: show change diffs (`--diff`). @defaultValue false */
  showDiff?: boolean;
  /** human only: every check of every host (`-v`). @defaultValue false */
  verbose?: boolean;
}

const RENDERERS: Record<ReportFormat, (report: RunReport, options: RenderOptions) => string> = {
  human: (report, options) => renderHuman(report, options),
  json: (report) => renderJson(report),
  junit: (report) => renderJunit(report),
  nagios: (report) => renderNagios(report).text,
  prometheus: (report) => renderPrometheus(report),
};

/** Machine formats are for programs: no progress display, no colour. */
export function isMachineFormat(format: ReportFormat): boolean {
  return format !== 'human';
}

export function renderReport(report: RunReport, format: ReportFormat, options: RenderOptions = {}): string {
  return RENDERERS[format](report, options);
}
