/**
 * Generates src/config/schema-validator.generated.ts from config.schema.json: ajv's standalone code for the
 * validator, so the CLI does not compile the schema at every start (≈ 100 ms of CPU, plus ≈ 45 ms to load ajv
 * and ajv-formats; bench/README.md "Limits found" 3).
 *
 *   npm run gen:schema        rewrite the module after changing config.schema.json
 *
 * test/unit/config/schema-validator.test.ts regenerates it in memory and fails while the committed module differs
 * (`npx vitest run test/unit/config/schema-validator.test.ts -u` rewrites it too).
 *
 * The ajv options are the ones the loader used when it compiled at start-up; `createSchemaAjv` is exported so the
 * test can compare the generated validator with a freshly compiled one, error for error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020Module from 'ajv/dist/2020.js';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import addFormatsModule from 'ajv-formats';

// ajv and ajv-formats are CommonJS: under NodeNext the default import is `module.exports`, whose `.default`
// is the constructor/function TypeScript knows about (at run time both are the same object).
const Ajv2020 = Ajv2020Module.default;
const standaloneCode = standaloneCodeModule.default;
const addFormats = addFormatsModule.default;

export const SCHEMA_FILE = fileURLToPath(new URL('../config.schema.json', import.meta.url));
export const GENERATED_FILE = fileURLToPath(new URL('../src/config/schema-validator.generated.ts', import.meta.url));

/**
 * The ajv instance the validator is built with. `standalone` adds only what code generation needs (source kept,
 * ESM exports, one statement per line for readable diffs); it does not change what is accepted or reported.
 */
export function createSchemaAjv(opts: { standalone: boolean }): InstanceType<typeof Ajv2020> {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    useDefaults: true,
    // verbose: errors carry the failing (sub)schema, where `patternErrorMessage` and the known property names are.
    verbose: true,
    ...(opts.standalone ? { code: { source: true, esm: true, lines: true } } : {}),
  });
  addFormats(ajv);
  // Annotation only: the human message for a failed `pattern` (VS Code and yaml-language-server show it too).
  ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
  return ajv;
}

const HEADER = `// @ts-nocheck
/* eslint-disable */
/**
 * GENERATED from config.schema.json by scripts/gen-schema-validator.ts (ajv standalone code): do not edit by hand.
 * After changing the schema run \`npm run gen:schema\`; test/unit/config/schema-validator.test.ts fails while this
 * module differs from what the schema generates. Used by src/config/validate.ts.
 */
// ajv's standalone code loads its small run-time helpers (ajv/dist/runtime/*, ajv-formats' format checks) with
// require(), also in its ESM output.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
`;

/** The module text for `schema` (the parsed config.schema.json). */
export function generateSchemaValidatorModule(schema: object): string {
  const ajv = createSchemaAjv({ standalone: true });
  const code = standaloneCode(ajv, ajv.compile(schema));
  // ajv starts ESM output with a "use strict" directive, which is meaningless after the imports (modules are strict).
  const body = code.replace(/^"use strict";\n/, '');
  return `${HEADER}\n${body.trimEnd()}\n`;
}

export function readSchema(): object {
  return JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(GENERATED_FILE, generateSchemaValidatorModule(readSchema()));
  console.log(`wrote ${GENERATED_FILE}`);
}
