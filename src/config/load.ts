/**
 * Finding and reading the config file, and turning its text into data. Syntax errors become issues with a line
 * and column. Loading contacts nobody.
 *
 * Which file (DESIGN §2): `-c/--config`, else `$OVIRT_FLOPPY_CONFIG`, else `./ovirt-floppy.yaml`.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigError, type Issue } from '../errors.js';
import { locateJsonError } from './json-errors.js';
import type { SourceMap } from './locate.js';

export const CONFIG_ENV = 'OVIRT_FLOPPY_CONFIG';
export const DEFAULT_CONFIG_FILE = 'ovirt-floppy.yaml';

export type ConfigFileSource = 'option' | 'env' | 'default';

export interface FindConfigOptions {
  /** `-c/--config` as given on the command line. */
  path?: string;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** The absolute path of the config file to use and where that choice came from. Does not touch the disk. */
export function findConfigFile(opts: FindConfigOptions): { file: string; source: ConfigFileSource } {
  if (opts.path !== undefined && opts.path !== '') return { file: resolve(opts.cwd, opts.path), source: 'option' };
  const fromEnv = opts.env[CONFIG_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return { file: resolve(opts.cwd, fromEnv), source: 'env' };
  return { file: resolve(opts.cwd, DEFAULT_CONFIG_FILE), source: 'default' };
}

const HOW: Record<ConfigFileSource, string> = {
  option: 'given with -c/--config',
  env: `named by $${CONFIG_ENV}`,
  default: `the default when neither -c nor $${CONFIG_ENV} is given; \`ovirt-floppy init\` writes a starter file`,
};

/** Read the file; a missing or unreadable file is a ConfigError (exit 2) naming how the file was chosen. */
export async function readConfigFile(file: string, source: ConfigFileSource): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const what =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'is not readable (permission denied)'
            : (e as Error).message;
    throw new ConfigError([{ path: '(file)', message: `${file} ${what} (${HOW[source]})` }], file);
  }
}

export interface ParsedSource {
  data: unknown;
  /** For line numbers of later issues; absent when the text could not be parsed. */
  source?: SourceMap;
  /** Syntax errors: the data is unusable when there are any. */
  errors: Issue[];
  warnings: Issue[];
}

function at(lines: LineCounter, offset: number): string {
  const { line, col } = lines.linePos(offset);
  return `line ${line}, column ${col}`;
}

/** The (possibly quoted) mapping key that starts at `offset`. */
function keyAt(text: string, offset: number): string {
  const m = /^(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^:\s]+))/.exec(text.slice(offset));
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : '';
}

function parseYaml(text: string): { doc: Document; lines: LineCounter; errors: Issue[]; warnings: Issue[] } {
  const lines = new LineCounter();
  // prettyErrors off: we print our own one-line `line L, column C: message`, not a code frame.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const issue = (e: { pos: [number, number]; message: string; code: string }): Issue => ({
    path: at(lines, e.pos[0]),
    message:
      e.code === 'DUPLICATE_KEY'
        ? `duplicate key ${JSON.stringify(keyAt(text, e.pos[0]))}: each key may appear only once in a section`
        : e.message,
  });
  return { doc, lines, errors: doc.errors.map(issue), warnings: doc.warnings.map(issue) };
}

/** 1-based line and column of `offset` in `text`. */
function linePosIn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `line ${line}, column ${col}`;
}

/** A JSON syntax error as an issue at `line L, column C`; V8's own message is the fallback. */
function jsonErrorIssue(text: string, e: Error): Issue {
  const found = locateJsonError(text);
  if (found) return { path: linePosIn(text, found.offset), message: `invalid JSON: ${found.message}` };
  return { path: '(file)', message: `invalid JSON: ${e.message}` };
}

/**
 * Parse the config text. `.json` files get JSON's own parser and error messages (a YAML message about "flow
 * maps" confuses someone who wrote JSON); the YAML parser still runs on valid JSON, for duplicate keys (which
 * JSON.parse silently merges) and for line numbers.
 */
export function parseConfigSource(text: string, file: string): ParsedSource {
  if (/\.json$/i.test(file)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { data: undefined, errors: [jsonErrorIssue(text, e as Error)], warnings: [] };
    }
    const y = parseYaml(text);
    const duplicates = y.errors.filter((i) => i.message.startsWith('duplicate key'));
    const usable = y.errors.length === duplicates.length;
    return { data, source: usable ? { doc: y.doc, lines: y.lines } : undefined, errors: duplicates, warnings: [] };
  }
  const y = parseYaml(text);
  if (y.errors.length > 0) return { data: undefined, errors: y.errors, warnings: y.warnings };
  // maxAliasCount bounds alias expansion ("billion laughs"); a config needs no aliases at all.
  let data: unknown;
  try {
    data = y.doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { data: undefined, errors: [{ path: '(file)', message: (e as Error).message }], warnings: y.warnings };
  }
  return { data, source: { doc: y.doc, lines: y.lines }, errors: [], warnings: y.warnings };
}
