/**
 * "Did you mean" for unknown keys: a misspelt or mis-cased key (`chrootdir`, `chroot_dir`) is the most common
 * config mistake, and the fix is obvious once named.
 */

function squash(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment): `hots` → `host` is 1. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The known key `unknown` was most likely meant to be, if any is close enough. */
export function closestKey(unknown: string, known: readonly string[]): string | undefined {
  const squashed = squash(unknown);
  const same = known.find((k) => squash(k) === squashed);
  if (same) return same;
  // Allow one typo in short keys, two in longer ones; more than that is a different word.
  const budget = unknown.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = budget + 1;
  for (const k of known) {
    const d = editDistance(squashed, squash(k));
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}
