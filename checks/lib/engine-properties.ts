/**
 * The `UserDefinedVMProperties` value: `name=regex` pairs separated by `;`, optional trailing `;`, empty allowed
 * (engine `CustomPropertiesUtils.VALIDATION_STR`, facts §1.4). Pure parse, upsert and serialise, so the merge the
 * tool does instead of `engine-config -m` (facts §1.5) is testable byte for byte.
 */
import { ParseError } from '../../src/errors.js';

export const FLOPPY_PROPERTY = 'floppy';

/** The column is varchar(4000) (facts §1.4). */
export const MAX_PROPERTY_VALUE_LENGTH = 4000;

export interface PropertyDefinition {
  name: string;
  regex: string;
}

export interface PropertyList {
  definitions: PropertyDefinition[];
  trailingSemicolon: boolean;
}

// Name charset [a-zA-Z0-9_]+; regex: anything but `;` (line breaks included, as in Java's [^;]).
const DEFINITION = /^([A-Za-z0-9_]+)=([^;]*)$/;

export function parsePropertyList(value: string, what = 'UserDefinedVMProperties'): PropertyList {
  if (value === '') return { definitions: [], trailingSemicolon: false };
  const trailingSemicolon = value.endsWith(';');
  const body = trailingSemicolon ? value.slice(0, -1) : value;
  const definitions = body.split(';').map((token) => {
    const m = DEFINITION.exec(token);
    if (!m) throw new ParseError(what, value, `"${token}" is not name=regex`);
    return { name: m[1]!, regex: m[2]! };
  });
  return { definitions, trailingSemicolon };
}

export function serializePropertyList(list: PropertyList): string {
  const body = list.definitions.map((d) => `${d.name}=${d.regex}`).join(';');
  return list.trailingSemicolon && body !== '' ? `${body};` : body;
}

/** The regex the engine uses for `name`: with duplicates, the last definition wins (HashMap.put, facts §1.5). */
export function effectiveRegex(list: PropertyList, name: string): string | undefined {
  return list.definitions.filter((d) => d.name === name).at(-1)?.regex;
}

export type UpsertChange =
  | { kind: 'none' }
  | { kind: 'add' }
  | { kind: 'replace'; previous: string }
  /** Several `floppy=` definitions (left by `-m`): the first is set, the others removed. */
  | { kind: 'dedupe'; previous: string[] };

export interface UpsertResult {
  value: string;
  change: UpsertChange;
}

/**
 * Make `floppy` (or `options.name`) defined exactly once as `regex`. Every other definition keeps its bytes and position;
 * an existing definition is replaced in place; otherwise the new one is appended the way the engine's own merge
 * appends (after an existing trailing `;`, else after a new one).
 */
export function upsertProperty(value: string, regex: string, options: { name?: string; what?: string } = {}): UpsertResult {
  const name = options.name ?? FLOPPY_PROPERTY;
  const list = parsePropertyList(value, options.what);
  const existing = list.definitions.filter((d) => d.name === name);
  if (existing.length === 1 && existing[0]!.regex === regex) return { value, change: { kind: 'none' } };
  if (existing.length === 0) {
    const token = `${name}=${regex}`;
    const joined = value === '' ? token : value.endsWith(';') ? `${value}${token}` : `${value};${token}`;
    return { value: joined, change: { kind: 'add' } };
  }
  let placed = false;
  const definitions: PropertyDefinition[] = [];
  for (const d of list.definitions) {
    if (d.name !== name) definitions.push(d);
    else if (!placed) {
      definitions.push({ name, regex });
      placed = true;
    }
  }
  const updated = serializePropertyList({ definitions, trailingSemicolon: list.trailingSemicolon });
  const change: UpsertChange =
    existing.length === 1 ? { kind: 'replace', previous: existing[0]!.regex } : { kind: 'dedupe', previous: existing.map((d) => d.regex) };
  return { value: updated, change };
}

/** Why `regex` cannot be stored as a property regex, or undefined when it can (facts §1.4). */
export function propertyRegexProblem(regex: string): string | undefined {
  if (regex.includes(';')) return 'contains ";", which separates property definitions';
  if (/[\r\n]/.test(regex)) return 'contains a line break';
  return undefined;
}
