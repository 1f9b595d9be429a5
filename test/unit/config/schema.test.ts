/**
 * config.schema.json against itself, against types.ts and against quote.ts:
 *  - every object closed (`additionalProperties: false`), every property described, `$id` set;
 *  - schema ↔ types drift, both ways: the keys of every object equal the Shape<Config> keys (which tsc keeps
 *    equal to types.ts), required-in-type means required-or-defaulted in the schema, optional means neither;
 *  - every `@defaultValue` in types.ts equals the schema's `default`, and the other way round;
 *  - what the schema's patterns accept, quote.ts's isSafePath / isSafeUserName accept too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { isSafePath, isSafeUserName } from '../../../src/shell/quote.js';
import { configShape, isList, isOptional, shapeProblems, type AnyShape } from './shape.js';

type S = { [key: string]: unknown };
const schema = configSchema() as S;
const defs = schema.$defs as Record<string, S>;

/** Resolve `$ref` (local `#/$defs/x` only) and merge its siblings over the target, as 2020-12 applies both. */
function resolve(node: S): S {
  if (typeof node.$ref !== 'string') return node;
  const target = defs[node.$ref.replace('#/$defs/', '')];
  if (!target) throw new Error(`dangling ${node.$ref}`);
  const { $ref: _ref, ...siblings } = node;
  return { ...resolve(target), ...siblings };
}

/** Every object schema with its path, and every property schema (unresolved, to see its own keywords). */
function walk(node: S, path: string, visit: (node: S, path: string, isProperty: boolean) => void, isProperty = false): void {
  visit(node, path, isProperty);
  const r = resolve(node);
  for (const [key, sub] of Object.entries((r.properties ?? {}) as Record<string, S>)) walk(sub, `${path}.${key}`, visit, true);
  if (r.items) walk(r.items as S, `${path}[]`, visit);
}

/** Keys the loader fills in itself (defaults.ts), so the schema can neither require nor default them. */
const DERIVED = new Set([
  '(config).manager.name',
  '(config).hypervisors[].name',
  '(config).sftp.name',
  '(config).floppy.propertyRegex',
  '(config).floppy.cdPropertyRegex',
]);

function drift(shape: AnyShape, node: S, path: string): string[] {
  const r = resolve(node);
  if (typeof shape === 'string') {
    const ok = shape === 'number' ? r.type === 'number' || r.type === 'integer' : r.type === shape;
    return ok ? [] : [`${path}: type ${shape} vs schema ${String(r.type)}`];
  }
  if (isOptional(shape)) return drift(shape.optional, node, path);
  if (isList(shape))
    return r.type === 'array' ? drift(shape.list, r.items as S, `${path}[]`) : [`${path}: list vs schema ${String(r.type)}`];
  if (r.type !== 'object') return [`${path}: object vs schema ${String(r.type)}`];
  const props = (r.properties ?? {}) as Record<string, S>;
  const required = (r.required ?? []) as string[];
  const problems: string[] = [];
  const schemaKeys = Object.keys(props).filter((k) => !(path === '(config)' && k === '$schema'));
  for (const k of schemaKeys) if (!(k in shape)) problems.push(`${path}.${k}: in the schema, not in types.ts`);
  for (const [k, sub] of Object.entries(shape)) {
    const prop = props[k];
    if (!prop) {
      problems.push(`${path}.${k}: in types.ts, not in the schema`);
      continue;
    }
    const at = `${path}.${k}`;
    const defaulted = prop.default !== undefined;
    if (isOptional(sub)) {
      if (required.includes(k) || defaulted) problems.push(`${at}: optional in types.ts but required or defaulted in the schema`);
    } else if (!required.includes(k) && !defaulted && !DERIVED.has(at.replace(/\[\d+\]/g, '[]'))) {
      problems.push(`${at}: required in types.ts but neither required nor defaulted in the schema`);
    }
    problems.push(...drift(sub, prop, at));
  }
  return problems;
}

describe('config.schema.json', () => {
  it('is a 2020-12 schema with an $id', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://ovirt-floppy.dev/config.schema.json');
  });

  it('closes every object and describes every property', () => {
    const problems: string[] = [];
    walk(schema, '(config)', (node, path, isProperty) => {
      if (isProperty && typeof node.description !== 'string') problems.push(`${path}: no description`);
      if (resolve(node).type === 'object' && resolve(node).additionalProperties !== false) problems.push(`${path}: not closed`);
    });
    for (const [name, def] of Object.entries(defs)) {
      if (def.type === 'object' && def.additionalProperties !== false) problems.push(`$defs.${name}: not closed`);
    }
    expect(problems).toEqual([]);
  });

  it('has the same keys, required-ness and types as types.ts (via Shape<Config>)', () => {
    expect(drift(configShape, schema, '(config)')).toEqual([]);
  });

  it('the drift check itself notices a missing and an extra key', () => {
    const { engineService: _e, ...managerWithout } = configShape.manager.optional;
    const broken = { ...configShape, manager: { optional: { ...managerWithout, extra: 'string' as const } } };
    expect(drift(broken, schema, '(config)')).toEqual([
      '(config).manager.engineService: in the schema, not in types.ts',
      '(config).manager.extra: in types.ts, not in the schema',
    ]);
  });

  it('shapeProblems notices missing, extra and mistyped keys', () => {
    expect(shapeProblems({ vm: 1, extra: true }, { vm: { optional: 'string' }, vmTimeout: 'number' })).toEqual([
      '(config).vm: expected string, got 1',
      '(config).vmTimeout: missing',
      '(config).extra: not in the Config type',
    ]);
  });
});

describe('defaults: types.ts @defaultValue ↔ schema default', () => {
  const source = readFileSync(join(import.meta.dirname, '../../../src/config/types.ts'), 'utf8');
  // interface → where its properties are in the schema
  const SECTIONS: Record<string, string[]> = {
    Config: [],
    SshSettings: ['ssh'],
    HostConfig: ['manager', 'sftp'],
    ManagerConfig: ['manager'],
    SftpConfig: ['sftp'],
    FloppyConfig: ['floppy'],
    EngineApiConfig: ['engineApi'],
    SmokeConfig: ['smoke'],
  };
  // Documented defaults that are not JSON values: computed by the loader (defaults.ts).
  const COMPUTED: Record<string, string> = {
    'HostConfig.name': 'host',
    'FloppyConfig.propertyRegex': '`^<clientPath>/',
    'FloppyConfig.cdPropertyRegex': '`^<clientPath>/',
  };

  const documented: { iface: string; key: string; raw: string }[] = [];
  for (const m of source.matchAll(/export interface (\w+)[^{]*\{(?:\}|([\s\S]*?)\n\})/g)) {
    const [, iface = '', body = ''] = m;
    for (const p of body.matchAll(/\/\*\*([\s\S]*?)\*\/\s*(\w+)\??:/g)) {
      const d = /@defaultValue\s+([\s\S]*?)\s*(?:\*\/|\n\s*\*\s*$|$)/.exec(p[1] ?? '');
      if (d) documented.push({ iface, key: p[2] ?? '', raw: (d[1] ?? '').replace(/\s*\n\s*\*\s*/g, ' ').trim() });
    }
  }

  function schemaProp(section: string | undefined, key: string): S | undefined {
    const props = (
      section === undefined ? schema.properties : resolve((schema.properties as Record<string, S>)[section] ?? {}).properties
    ) as Record<string, S>;
    return props[key];
  }

  it('types.ts documents defaults', () => expect(documented.length).toBeGreaterThan(15));

  it('each documented default is the schema default', () => {
    const problems: string[] = [];
    for (const { iface, key, raw } of documented) {
      const sections = SECTIONS[iface];
      if (!sections) {
        problems.push(`${iface}: not mapped to a schema section`);
        continue;
      }
      const computed = COMPUTED[`${iface}.${key}`];
      for (const section of sections.length ? sections : [undefined]) {
        const prop = schemaProp(section, key);
        if (computed !== undefined) {
          if (!raw.startsWith(computed)) problems.push(`${iface}.${key}: documented ${raw}, expected ${computed}`);
          if (prop?.default !== undefined) problems.push(`${iface}.${key}: computed, but the schema has a default`);
          continue;
        }
        if (!prop) problems.push(`${iface}.${key}: no schema property in ${section}`);
        else if (JSON.stringify(prop.default) !== JSON.stringify(JSON.parse(raw))) {
          problems.push(`${section ?? '(config)'}.${key}: types.ts says ${raw}, schema says ${JSON.stringify(prop.default)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('each schema default (other than an empty section object) is documented in types.ts', () => {
    const documentedKeys = new Set(
      documented.flatMap(({ iface, key }) => (SECTIONS[iface]?.length ? SECTIONS[iface] : ['(config)']).map((s) => `${s}.${key}`)),
    );
    const missing: string[] = [];
    walk(schema, '(config)', (node, path, isProperty) => {
      if (!isProperty || node.default === undefined || JSON.stringify(node.default) === '{}') return;
      const short = path.replace(/^\(config\)\./, '').replace('hypervisors[].', 'manager.');
      const key = short.includes('.') ? short : `(config).${short}`;
      if (!documentedKeys.has(key)) missing.push(path);
    });
    expect(missing).toEqual([]);
  });
});

describe('schema patterns agree with src/shell/quote.ts', () => {
  const pattern = (def: string): RegExp => new RegExp(String(defs[def]?.pattern), 'u');
  const paths = [
    '/srv/floppy_chroot',
    '/exports/iso/floppy',
    '/rhev/data-center/mnt/127.0.1.20:_exports_iso/floppy',
    '/a/b+c@d/e-f.g/',
    '/',
    '/srv/./x',
    '/srv/..x/y',
    '/srv/../x',
    '/srv/x y',
    '/srv/$x',
    'relative/path',
    '//double',
    "/it's",
  ];
  it('every remote path the schema accepts is a safe path', () => {
    const accepted = paths.filter((p) => pattern('remotePath').test(p));
    expect(accepted.length).toBeGreaterThan(4);
    for (const p of accepted) expect(isSafePath(p), p).toBe(true);
    expect(pattern('remotePath').test('/srv/../x')).toBe(false);
    expect(pattern('remotePath').test('/srv/x y')).toBe(false);
  });

  it('every user name the schema accepts is a safe user name (the schema also refuses a trailing $)', () => {
    const names = ['root', 'sftp-floppy-upload', '_svc', 'a'.repeat(32), 'a'.repeat(33), 'Root', '1user', 'up$', 'x;y', ''];
    const accepted = names.filter((n) => pattern('userName').test(n));
    expect(accepted).toEqual(['root', 'sftp-floppy-upload', '_svc', 'a'.repeat(32)]);
    for (const n of accepted) expect(isSafeUserName(n), n).toBe(true);
  });

  it('path patterns do not backtrack catastrophically', () => {
    const hostile = `/${'a'.repeat(5000)} `;
    const start = Date.now();
    for (const def of ['remotePath', 'localPath']) expect(pattern(def).test(hostile)).toBe(false);
    expect(Date.now() - start).toBeLessThan(200);
  });
});
