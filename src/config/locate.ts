/**
 * Line numbers for issues: maps a config path back to the YAML (or JSON) source, so `hypervisors[1].host`
 * also says where that is. A missing key is reported at its parent's line.
 */
import { isMap, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { ConfigPath } from './paths.js';

export interface SourceMap {
  doc: Document;
  lines: LineCounter;
}

function child(node: unknown, seg: string | number): { keyNode?: Node; valueNode?: Node } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => {
      const k = p.key as { value?: unknown } | null;
      return k !== null && typeof k === 'object' && String(k.value) === String(seg);
    });
    return pair ? { keyNode: pair.key as Node, valueNode: (pair.value ?? undefined) as Node | undefined } : undefined;
  }
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg] as Node | undefined;
    return item ? { valueNode: item } : undefined;
  }
  return undefined;
}

/** 1-based line of the deepest node on `at` that exists in the source; for a key, the key's own line. */
export function lineOf(source: SourceMap, at: ConfigPath): number | undefined {
  let node: unknown = source.doc.contents;
  let offset: number | undefined;
  for (const seg of at) {
    const next = child(node, seg);
    if (!next) break;
    const anchor = next.keyNode ?? next.valueNode;
    if (anchor?.range) offset = anchor.range[0];
    node = next.valueNode;
  }
  if (offset === undefined) return undefined;
  return source.lines.linePos(offset).line;
}
