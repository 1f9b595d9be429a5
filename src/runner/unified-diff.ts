/**
 * A small unified diff (before → after) for planned file writes; config files here are a few hundred lines,
 * so a plain LCS table is fast enough and keeps this dependency-free.
 */
type Op = { kind: ' ' | '-' | '+'; line: string };

function lines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function diffOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) (ops.push({ kind: ' ', line: a[i++]! }), j++);
    else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) ops.push({ kind: '-', line: a[i++]! });
    else ops.push({ kind: '+', line: b[j++]! });
  }
  while (i < n) ops.push({ kind: '-', line: a[i++]! });
  while (j < m) ops.push({ kind: '+', line: b[j++]! });
  return ops;
}

/** Unified diff with `context` lines around changes; empty string when equal. */
export function unifiedDiff(before: string, after: string, path: string, context = 3): string {
  const a = lines(before);
  const b = lines(after);
  const ops = diffOps(a, b);
  if (ops.every((op) => op.kind === ' ')) return '';
  const out = [`--- ${path}`, `+++ ${path} (planned)`];
  let index = 0;
  while (index < ops.length) {
    while (index < ops.length && ops[index]!.kind === ' ') index++;
    if (index >= ops.length) break;
    let start = Math.max(0, index - context);
    let end = index;
    // Extend the hunk while the next change is within 2*context unchanged lines.
    for (let k = index; k < ops.length; k++) {
      if (ops[k]!.kind !== ' ') end = k;
      else if (k - end > 2 * context) break;
    }
    const stop = Math.min(ops.length, end + context + 1);
    const before1 = ops.slice(0, start).filter((o) => o.kind !== '+').length;
    const after1 = ops.slice(0, start).filter((o) => o.kind !== '-').length;
    const hunk = ops.slice(start, stop);
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aLen ? before1 + 1 : before1},${aLen} +${bLen ? after1 + 1 : after1},${bLen} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
    index = stop;
    start = stop;
  }
  return out.join('\n') + '\n';
}
