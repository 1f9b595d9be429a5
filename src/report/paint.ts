/**
 * The colour vocabulary of the human report. Only human.ts builds one (from chalk); layout helpers receive
 * it, so they stay chalk-free and colour is always by status, never ad hoc.
 */
import type { Status } from '../check-api.js';

/** How a check is shown: its status, except drift whose findings are all warn-severity shows as `warn`. */
export type Shown = Status | 'warn';

export interface Paint {
  status(shown: Shown, text: string): string;
  bold(text: string): string;
  dim(text: string): string;
  /** Colours one line of a unified or `- actual / + expected` diff. */
  diffLine(line: string): string;
}

export const SYMBOLS: Record<Shown, string> = {
  ok: '✔',
  drift: '✖',
  warn: '⚠',
  fixed: '↻',
  skipped: '–',
  error: '!',
};

/** Right-pads to a width measured in code points (symbols are single code points). */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - [...text].length)) + text;
}

/** `1.2 s` / `340 ms`: durations for people. */
export function humanDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
