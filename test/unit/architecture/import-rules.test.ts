/**
 * DESIGN.md §3's dependency rules, enforced over the real import graph (every relative import and `import()` of
 * every .ts file under src/ and checks/, read with the TypeScript compiler's own parser, so comments and strings
 * never count). Each rule names the layer it protects; a broken rule lists every offending `file → import`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

interface SourceFacts {
  /** Repo-relative paths (`src/ssh/connect.ts`) of every relative import, re-export and dynamic import. */
  imports: string[];
  /** The subset of `imports` that are `import type` only (erased at run time). */
  typeOnly: string[];
  /** Package and node: imports (`node:child_process`, `chalk`). */
  packages: string[];
  /** Lines (1-based) that read or write `process.exit` / `process.exitCode`. */
  exits: number[];
  /** Lines that print: `console.*`, `process.stdout` / `process.stderr`. */
  prints: number[];
}

function readFacts(file: string): SourceFacts {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const facts: SourceFacts = { imports: [], typeOnly: [], packages: [], exits: [], prints: [] };
  const add = (specifier: string, typeOnly = false): void => {
    if (!specifier.startsWith('.')) {
      facts.packages.push(specifier);
      return;
    }
    const target = relative(ROOT, resolve(ROOT, dirname(file), specifier)).replace(/\.js$/, '.ts');
    facts.imports.push(target);
    if (typeOnly) facts.typeOnly.push(target);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.importClause?.isTypeOnly ?? false);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) add(arg.text);
    } else if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'process' &&
      (node.name.text === 'exit' || node.name.text === 'exitCode')
    ) {
      facts.exits.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    } else if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      (node.expression.text === 'console' ||
        (node.expression.text === 'process' && (node.name.text === 'stdout' || node.name.text === 'stderr')))
    ) {
      facts.prints.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return facts;
}

const FILES = [...tsFiles('src'), ...tsFiles('checks')];
const GRAPH = new Map(FILES.map((f) => [f, readFacts(f)]));

/** `file → import` for every import of a file matching `from` whose target breaks `allowed`. */
function violations(
  graph: ReadonlyMap<string, SourceFacts>,
  from: (file: string) => boolean,
  allowed: (target: string) => boolean,
): string[] {
  const out: string[] = [];
  for (const [file, facts] of graph) {
    if (!from(file)) continue;
    for (const target of facts.imports) if (!allowed(target)) out.push(`${file} → ${target}`);
  }
  return out;
}

const under = (dir: string) => (path: string) => path.startsWith(`${dir}/`);
const CONTRACT = 'src/check-api.ts';
const ERRORS = 'src/errors.ts';
const RESULT = under('src/result');

/**
 * What a check may import besides other checks (DESIGN §3: the contract, the config types and pure helpers,
 * shell quoting included). Each helper here is pure: no I/O, no transport, no runner, no report.
 */
const CHECK_MAY_IMPORT = new Set([
  CONTRACT,
  ERRORS,
  'src/config/types.ts',
  'src/config/remote-path.ts',
  'src/config/resolved.ts',
  'src/config/property-regex.ts',
  'src/config/engine-config-limits.ts',
  'src/shell/quote.ts',
]);

describe('DESIGN §3 dependency rules', () => {
  it('reads a real import graph (a broken reader would pass every rule)', () => {
    expect(GRAPH.size).toBeGreaterThan(100);
    expect(GRAPH.get('src/runner/run.ts')?.imports).toContain('src/runner/host-session.ts');
    expect(GRAPH.get('checks/index.ts')?.imports).toContain(CONTRACT);
  });

  it('checks/ import only the contract, the config types and pure helpers (never transport, runner or report)', () => {
    expect(violations(GRAPH, under('checks'), (t) => under('checks')(t) || CHECK_MAY_IMPORT.has(t))).toEqual([]);
  });

  it('the runner never imports the report, and the report never imports the runner', () => {
    expect(violations(GRAPH, under('src/runner'), (t) => !under('src/report')(t))).toEqual([]);
    expect(violations(GRAPH, under('src/report'), (t) => !under('src/runner')(t))).toEqual([]);
  });

  it('the runner never prints, and reports never execute anything', () => {
    const prints = [...GRAPH].flatMap(([file, facts]) => (under('src/runner')(file) ? facts.prints.map((line) => `${file}:${line}`) : []));
    expect(prints).toEqual([]);
    const executes = (t: string) => under('src/ssh')(t) || under('src/smoke')(t) || under('src/engine-api')(t);
    expect(violations(GRAPH, under('src/report'), (t) => !executes(t))).toEqual([]);
    const spawning = [...GRAPH]
      .filter(([f]) => under('src/report')(f))
      .flatMap(([f, facts]) => facts.packages.filter((p) => /child_process|ssh2/.test(p)).map((p) => `${f} → ${p}`));
    expect(spawning).toEqual([]);
  });

  it('the contract and src/errors.ts depend on nothing of ours', () => {
    expect(
      violations(
        GRAPH,
        (f) => f === CONTRACT || f === ERRORS,
        () => false,
      ),
    ).toEqual([]);
  });

  it('the result model depends on nothing of ours but the contract vocabulary (statuses, severities), type-only', () => {
    expect(violations(GRAPH, RESULT, (t) => RESULT(t) || t === CONTRACT)).toEqual([]);
    const runtime = [...GRAPH]
      .filter(([f]) => RESULT(f))
      .flatMap(([f, facts]) => facts.imports.filter((t) => t === CONTRACT && !facts.typeOnly.includes(t)).map((t) => `${f} → ${t}`));
    expect(runtime).toEqual([]);
  });

  it('shell quoting is pure: only the error classes', () => {
    expect(violations(GRAPH, under('src/shell'), (t) => under('src/shell')(t) || t === ERRORS)).toEqual([]);
  });

  it('only src/cli/main.ts sets the exit code (process.exit / process.exitCode)', () => {
    const exits = [...GRAPH].flatMap(([file, facts]) => (file === 'src/cli/main.ts' ? [] : facts.exits.map((line) => `${file}:${line}`)));
    expect(exits).toEqual([]);
  });
});
