/**
 * Schema pass: ajv (JSON Schema 2020-12) against config.schema.json. Fills in the schema's defaults as it goes
 * (`useDefaults`), so the data it accepts already has every defaulted field. All errors at once, each turned
 * into a located issue a person can act on (ajv-messages.ts).
 *
 * The validator is ajv's standalone code, generated from the schema ahead of time (schema-validator.generated.ts,
 * `npm run gen:schema`; the ajv options are in scripts/gen-schema-validator.ts): compiling the schema at every
 * start cost ≈ 100 ms of CPU plus ≈ 45 ms to load ajv. test/unit/config/schema-validator.test.ts keeps the
 * module equal to what config.schema.json generates.
 */
import type { ErrorObject } from 'ajv';
import { describeAjvErrors } from './ajv-messages.js';
import type { LocatedIssue } from './paths.js';
import { configSchema } from './schema.js';
import { validate as generated } from './schema-validator.generated.js';

/** What ajv's ValidateFunction is at run time: a predicate that leaves its errors on itself. */
type SchemaValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

const validate = generated as unknown as SchemaValidator;

/** Validate `data` in place (defaults are written into it) and return every schema issue. */
export function schemaIssues(data: unknown): LocatedIssue[] {
  if (validate(data)) return [];
  return describeAjvErrors(validate.errors ?? [], data, configSchema());
}
