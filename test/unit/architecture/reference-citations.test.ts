/**
 * Every "facts §x.y" (and lab-notes, conventions, house-style, DESIGN) citation in the repository names a
 * section that exists in docs/reference/ (docs/reference/README.md says which document each short name means).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const REFERENCE = join(ROOT, 'docs/reference');
const DOCUMENTS: Record<string, string> = {
  facts: 'ovirt-facts.md',
  'lab-notes': 'lab-notes.md',
  'lab notes': 'lab-notes.md',
  conventions: 'conventions.md',
  'house-style': 'house-style.md',
  DESIGN: 'DESIGN.md',
  'DESIGN.md': 'DESIGN.md',
};
const CITATION = /\b(facts|lab-notes|lab notes|conventions|house-style|DESIGN\.md|DESIGN) §(\d+(?:\.\d+)*)/g;
const SKIP = new Set(['node_modules', 'dist', '.git', '.lab', 'reference', 'results']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path);
    return /\.(ts|js|py|sh|md|rst|yaml|json|txt)$|^run$/.test(e.name) ? [path] : [];
  });
}

/** Section numbers of a document: `## 1.`, `### 1.4 ...`, and for section 0 its numbered items (`0.1` ...). */
function sections(document: string): Set<string> {
  const found = new Set<string>();
  let inSectionZero = false;
  for (const line of readFileSync(join(REFERENCE, document), 'utf8').split('\n')) {
    const heading = /^#{1,4}\s+(\d+(?:\.\d+)*)\.?\s/.exec(line);
    if (heading) {
      found.add(heading[1]!);
      inSectionZero = heading[1] === '0';
      continue;
    }
    const item = /^(\d+)\.\s/.exec(line);
    if (inSectionZero && item) found.add(`0.${item[1]}`);
  }
  return found;
}

describe('reference citations', () => {
  const known = new Map(Object.values(DOCUMENTS).map((d) => [d, sections(d)]));
  const cited = files(ROOT).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(CITATION)].map((m) => ({
      file: file.slice(ROOT.length + 1),
      doc: DOCUMENTS[m[1]!]!,
      section: m[2]!,
    })),
  );

  it('finds the citations (a broken reader would pass)', () => {
    expect(cited.filter((c) => c.doc === 'ovirt-facts.md').length).toBeGreaterThan(100);
  });

  it('every cited section exists in docs/reference/', () => {
    const missing = cited.filter((c) => !known.get(c.doc)!.has(c.section)).map((c) => `${c.file}: ${c.doc} §${c.section}`);
    expect(missing).toEqual([]);
  });
});
