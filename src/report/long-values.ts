/**
 * Every long value printed once: a long word (a property regex, a long path) that would appear several times
 * in the report is printed once in a legend and referred to as ‹n› everywhere else. The property regex of one
 * manager used to appear 24 times (6 levels × expected, planned step, restart pending).
 */

/** Shorter words stay inline: a reference only pays when the value is long. */
export const LONG_VALUE_MIN = 48;

/** Words are split at whitespace, `=` and `;` (property lists), with enclosing punctuation stripped. */
function wordsOf(text: string): string[] {
  return text
    .split(/[\s=;]+/)
    .map((w) => w.replace(/^[("'«]+/, '').replace(/[)"'»,:.]+$/, ''))
    .filter((w) => w.length >= LONG_VALUE_MIN);
}

export interface LongValues {
  /** The legend entries in order of first appearance: reference number n is index n-1. */
  values: string[];
  /** Replaces each long value in `text` by its reference. */
  shorten(text: string): string;
}

/** Finds long words that occur more than once over all texts (in order) and numbers them. */
export function collectLongValues(texts: readonly string[]): LongValues {
  const counts = new Map<string, number>();
  for (const text of texts) for (const word of wordsOf(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const values = [...counts].filter(([, n]) => n > 1).map(([w]) => w);
  // Longest first, so a value that contains a shorter one is replaced whole.
  const bySize = values.map((v, i) => ({ v, ref: `‹${i + 1}›` })).sort((a, b) => b.v.length - a.v.length);
  return {
    values,
    shorten: (text) => bySize.reduce((t, { v, ref }) => t.split(v).join(ref), text),
  };
}

/** `‹1› = value` lines, for the top of the report. */
export function legendLines(values: readonly string[]): string[] {
  return values.map((v, i) => `  ‹${i + 1}› ${v}`);
}
