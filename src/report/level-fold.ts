/**
 * Per-level folding: the manager checks say the same thing once per cluster level ("level 4.2: floppy is not
 * defined; add floppy=…" six times). Texts that are equal once their `level X.Y` is taken out fold into one
 * line that names the levels as ranges over the levels the check mentions: `levels 4.2–4.5, 4.7: …`.
 */

const LEVEL = /\blevel (\d+\.\d+)\b/;

/** The text with its (first) level replaced by a placeholder, and the level; undefined without one. */
export function splitLevel(text: string): { template: string; level: string } | undefined {
  const m = LEVEL.exec(text);
  if (!m || m[1] === undefined) return undefined;
  return { template: `${text.slice(0, m.index)}\u0000${text.slice(m.index + m[0].length)}`, level: m[1] };
}

function compareLevels(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return (a1 ?? 0) - (b1 ?? 0) || (a2 ?? 0) - (b2 ?? 0);
}

/** `4.2–4.5, 4.7`: runs of consecutive members of `universe` (sorted) become ranges. */
export function levelRanges(levels: readonly string[], universe: readonly string[]): string {
  const all = [...new Set(universe)].sort(compareLevels);
  const wanted = new Set(levels);
  const runs: string[][] = [];
  let run: string[] = [];
  for (const level of all) {
    if (wanted.has(level)) run.push(level);
    else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs.map((r) => (r.length > 2 ? `${r[0]}–${r.at(-1)}` : r.join(', '))).join(', ');
}

/** Puts `level(s) <ranges>` where the placeholder is. */
export function fillLevels(template: string, levels: readonly string[], universe: readonly string[]): string {
  const word = levels.length === 1 ? 'level' : 'levels';
  return template.replace('\u0000', `${word} ${levelRanges(levels, universe)}`);
}

export interface Foldable {
  /** The text that may carry a level (a finding's message, a change's describe). */
  text: string;
  /** Everything else that must be equal for two items to fold (code, severity, diff …), as one string. */
  rest: string;
}

/**
 * Folds items whose text differs only in the level. Keeps the order of first appearance; each output item
 * carries the indexes of the inputs it stands for, so callers can decide what else to show.
 */
export function foldLevels<T extends Foldable>(items: readonly T[]): { text: string; members: T[] }[] {
  const universe = items.flatMap((i) => splitLevel(i.text)?.level ?? []);
  const out: { key: string; template?: string; levels: string[]; members: T[]; text: string }[] = [];
  for (const item of items) {
    const split = splitLevel(item.text);
    const key = split ? `${split.template}\u0001${item.rest}` : `\u0002${item.text}\u0001${item.rest}\u0001${out.length}`;
    const found = split ? out.find((o) => o.key === key) : undefined;
    if (found && split) {
      found.levels.push(split.level);
      found.members.push(item);
    } else {
      out.push({ key, template: split?.template, levels: split ? [split.level] : [], members: [item], text: item.text });
    }
  }
  return out.map((o) => ({ text: o.template === undefined ? o.text : fillLevels(o.template, o.levels, universe), members: o.members }));
}
