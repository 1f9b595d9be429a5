/**
 * src/config/schema-validator.generated.ts is ajv's standalone code for config.schema.json (the loader no longer
 * compiles the schema at start-up). This test regenerates it in memory and compares byte for byte; after changing
 * the schema run `npm run gen:schema` (or this file with `-u`) to rewrite the module. It also checks that the
 * generated validator behaves exactly like the schema compiled at run time with the same options: same verdict,
 * same errors (keyword, paths, params, failing schema, data), same defaults written into the data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSchemaAjv, generateSchemaValidatorModule, readSchema } from '../../../scripts/gen-schema-validator.js';
import { parseConfigSource } from '../../../src/config/load.js';
import { validate as generated } from '../../../src/config/schema-validator.generated.js';

type Validator = ((data: unknown) => boolean) & { errors?: unknown[] | null };

const schema = readSchema();
const GENERATED = '../../../src/config/schema-validator.generated.ts';
const FIXTURES = join(import.meta.dirname, '../../fixtures/config');

function fixtureData(): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const kind of ['valid', 'invalid']) {
    for (const name of readdirSync(join(FIXTURES, kind))
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort()) {
      const file = join(FIXTURES, kind, name);
      const parsed = parseConfigSource(readFileSync(file, 'utf8'), file);
      if (parsed.errors.length === 0) out.push([`${kind}/${name}`, parsed.data]);
    }
  }
  return out;
}

const PATH = { serverPath: '/exports/iso/floppy', clientPath: '/rhev/floppy' };
// Data the fixtures do not cover: every keyword the schema uses, failing, and values of the wrong type.
const CRAFTED: [string, unknown][] = [
  ['not an object', 'just a string'],
  ['empty', {}],
  ['wrong types everywhere', { ssh: { port: '22', agent: 'yes', identityFiles: '~/.ssh/id', concurrency: 2.5 }, manager: [], floppy: 1 }],
  ['limits', { ssh: { port: 0, connectTimeout: 601 }, floppy: { ...PATH, maxAgeHours: 0, sharedFsTypes: [] } }],
  ['lengths and patterns', { manager: { host: '', name: '-x', healthUrl: 'ftp://x' }, floppy: { ...PATH, propertyRegex: 'a' } }],
  ['duplicates', { sftp: { host: 'h', authorizedKeys: ['ssh-ed25519 AAAAC3 a', 'ssh-ed25519 AAAAC3 a'] }, floppy: PATH }],
  ['formats', { engineApi: { url: 'https://exa mple', user: 'admin' }, floppy: PATH }],
  [
    'unknown keys',
    { sftp: { host: 'h', chrootdir: '/x', password: 1 }, engineApi: { url: 'https://e/api', user: 'a@b', password: 'x' }, floppy: PATH },
  ],
  ['hypervisor entries', { hypervisors: [{ host: 'a' }, { name: 'b' }, 'c', { host: 'd', become: 'su' }], floppy: PATH }],
];

function run(validate: Validator, data: unknown): { valid: boolean; errors: unknown; data: unknown } {
  const copy = structuredClone(data);
  const valid = validate(copy);
  return { valid, errors: structuredClone(validate.errors ?? null), data: copy };
}

describe('generated schema validator', () => {
  it('src/config/schema-validator.generated.ts is generated from config.schema.json', async () => {
    await expect(generateSchemaValidatorModule(schema)).toMatchFileSnapshot(GENERATED);
  });

  it('needs only ajv’s small run-time helpers, not the compiler', () => {
    const text = readFileSync(new URL(GENERATED, import.meta.url), 'utf8');
    const required = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    for (const id of required) expect(id).toMatch(/^(ajv\/dist\/runtime\/[a-z0-9]+|ajv-formats\/dist\/formats)$/);
    expect(text).not.toMatch(/\bimport\b[^;]*['"]ajv(?:\/dist\/(?:2020|core|ajv)(?:\.js)?)?['"]/);
  });

  const compiled = createSchemaAjv({ standalone: false }).compile(schema) as Validator;
  const cases = [...fixtureData(), ...CRAFTED];

  it('covers valid and invalid data', () => {
    const verdicts = cases.map(([, data]) => run(compiled, data).valid);
    expect(verdicts.filter((v) => v).length).toBeGreaterThanOrEqual(5);
    expect(verdicts.filter((v) => !v).length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('%s: same verdict, errors and defaults as the schema compiled at run time', (_name, data) => {
    expect(run(generated as unknown as Validator, data)).toEqual(run(compiled, data));
  });
});
