/**
 * Schema pass: ajv (JSON Schema 2020-12) against config.schema.json. Fills in the schema's defaults as it goes
 * (`useDefaults`), so the data it accepts already has every defaulted field. All errors at once, each turned
 * into a located issue a person can act on (ajv-messages.ts).
 */
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { describeAjvErrors } from './ajv-messages.js';
import type { LocatedIssue } from './paths.js';
import { configSchema } from './schema.js';

// ajv and ajv-formats are CommonJS: under NodeNext the default import is `module.exports`, whose `.default`
// is the constructor/function TypeScript knows about (at run time both are the same object).
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    useDefaults: true,
    // verbose: errors carry the failing (sub)schema, where `patternErrorMessage` and the known property names are.
    verbose: true,
  });
  addFormats(ajv);
  // Annotation only: the human message for a failed `pattern` (VS Code and yaml-language-server show it too).
  ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
  compiled = ajv.compile(configSchema());
  return compiled;
}

/** Validate `data` in place (defaults are written into it) and return every schema issue. */
export function schemaIssues(data: unknown): LocatedIssue[] {
  const validate = validator();
  if (validate(data)) return [];
  return describeAjvErrors(validate.errors ?? [], data, configSchema());
}
