/**
 * Turns ajv's errors into `path: message` issues a person can act on: the path points at the offending key
 * (`sftp.chrootdir`, `hypervisors[1].host`), the message says what is allowed and what was found.
 */
import type { ErrorObject } from 'ajv';
import { fromJsonPointer, type LocatedIssue, type PathSegment } from './paths.js';
import type { JsonSchema } from './schema.js';
import { closestKey } from './suggest.js';

type Schema = { [key: string]: unknown };

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value lines)',
  null: 'empty',
};

/** A short, safe rendering of a value for "(got …)". Values are never secrets: the schema has no secret fields. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function typeMessage(expected: string, value: unknown): string {
  const want = expected
    .split(',')
    .map((t) => TYPE_WORDS[t] ?? t)
    .join(' or ');
  let hint = '';
  if (expected === 'boolean' && typeof value === 'string' && /^(yes|no|on|off|y|n|true|false)$/i.test(value)) {
    hint = '; write true or false without quotes';
  } else if ((expected === 'integer' || expected === 'number') && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) {
    hint = '; remove the quotes';
  } else if (expected === 'array' && (typeof value === 'string' || typeof value === 'number')) {
    hint = `; write a list, e.g. [${JSON.stringify(value)}]`;
  } else if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    hint = '; put it in quotes';
  }
  return `must be ${want} (got ${describeValue(value)}${hint})`;
}

/** Every section's property names, to say where a key that is unknown here belongs. */
function sectionKeys(schema: JsonSchema): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  for (const [section, sub] of Object.entries(props)) {
    const target = (sub.type === 'array' ? sub.items : sub) as Schema | undefined;
    const keys = Object.keys((target?.properties ?? {}) as object);
    const label = sub.type === 'array' ? `${section} entries` : section;
    for (const key of keys) out.set(key, [...(out.get(key) ?? []), label]);
  }
  return out;
}

function unknownPropertyMessage(key: string, known: string[], keysBySection: Map<string, string[]>, here: string): string {
  if (here === 'engineApi' && /^pass(word|wd)?$/i.test(key)) {
    return `unknown property ${JSON.stringify(key)}: a password never goes into the config file (it ends up in backups and bug reports); use passwordEnv or passwordFile`;
  }
  const close = closestKey(key, known);
  if (close) return `unknown property ${JSON.stringify(key)} (did you mean ${JSON.stringify(close)}?)`;
  const elsewhere = (keysBySection.get(key) ?? []).filter((s) => s !== here);
  if (elsewhere.length > 0) return `unknown property ${JSON.stringify(key)} here (it belongs in ${elsewhere.join(' or ')})`;
  return `unknown property ${JSON.stringify(key)} (allowed: ${known.join(', ')})`;
}

function sectionLabel(at: PathSegment[]): string {
  if (at.length === 0) return '';
  const [first, second] = at;
  return typeof second === 'number' && at.length === 2 ? `${String(first)} entries` : at.map(String).join('.');
}

function messageFor(e: ErrorObject, at: PathSegment[], keysBySection: Map<string, string[]>): LocatedIssue {
  const value = e.data;
  const params = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as Schema;
  switch (e.keyword) {
    case 'required':
      return { at: [...at, String(params.missingProperty)], message: 'is required' };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((parent.properties ?? {}) as object);
      return { at: [...at, key], message: unknownPropertyMessage(key, known, keysBySection, sectionLabel(at)) };
    }
    case 'type':
      return { at, message: typeMessage(String(params.type), value) };
    case 'enum':
      return { at, message: `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')} (got ${describeValue(value)})` };
    case 'pattern': {
      const human = typeof parent.patternErrorMessage === 'string' ? parent.patternErrorMessage : `must match ${String(params.pattern)}`;
      return { at, message: `${human} (got ${describeValue(value)})` };
    }
    case 'format':
      return { at, message: `must be a valid ${params.format === 'uri' ? 'URL' : String(params.format)} (got ${describeValue(value)})` };
    case 'minimum':
      return { at, message: `must be at least ${String(params.limit)} (got ${describeValue(value)})` };
    case 'maximum':
      return { at, message: `must be at most ${String(params.limit)} (got ${describeValue(value)})` };
    case 'exclusiveMinimum':
      return { at, message: `must be greater than ${String(params.limit)} (got ${describeValue(value)})` };
    case 'exclusiveMaximum':
      return { at, message: `must be less than ${String(params.limit)} (got ${describeValue(value)})` };
    case 'minLength':
      return { at, message: params.limit === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} characters long` };
    case 'maxLength':
      return { at, message: `must be at most ${String(params.limit)} characters long` };
    case 'minItems':
      return { at, message: `must list at least ${String(params.limit)} ${params.limit === 1 ? 'entry' : 'entries'}` };
    case 'maxItems':
      return { at, message: `must list at most ${String(params.limit)} entries` };
    case 'uniqueItems': {
      // ajv reports the later index as i and the earlier as j.
      const later = Number(params.i);
      const earlier = Number(params.j);
      const item = Array.isArray(value) ? value[later] : undefined;
      return { at: [...at, later], message: `duplicate of entry [${earlier}] (${describeValue(item)})` };
    }
    default:
      return { at, message: e.message ?? `fails ${e.keyword}` };
  }
}

export function describeAjvErrors(errors: readonly ErrorObject[], data: unknown, schema: JsonSchema): LocatedIssue[] {
  const keysBySection = sectionKeys(schema);
  const out: LocatedIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const issue = messageFor(e, fromJsonPointer(e.instancePath, data), keysBySection);
    const key = `${JSON.stringify(issue.at)}\0${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}
