/**
 * config.schema.json, read once. It lives at the package root (editors and `$schema` references point there),
 * outside src/, so it is found relative to this module both when run from source (src/config/) and when
 * built (dist/src/config/).
 */
import { existsSync, readFileSync } from 'node:fs';
import { InternalError } from '../errors.js';

const CANDIDATES = ['../../config.schema.json', '../../../config.schema.json'];

export type JsonSchema = { [key: string]: unknown };

let cached: JsonSchema | undefined;

export function configSchema(): JsonSchema {
  if (cached) return cached;
  for (const rel of CANDIDATES) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(url)) {
      cached = JSON.parse(readFileSync(url, 'utf8')) as JsonSchema;
      return cached;
    }
  }
  throw new InternalError(`config.schema.json not found next to ${import.meta.url}`);
}
