/**
 * The tool's version, read once from package.json (the report's `tool.version` and `--version`). Walks up from
 * this file because the depth differs between src/ (tsx, tests) and dist/src/ (the built CLI).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function readToolVersion(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'ovirt-floppy' && pkg.version) return pkg.version;
    } catch {
      // no (readable) package.json here: keep walking up
    }
    if (dirname(dir) === dir) return '0.0.0-unknown';
  }
}

export const TOOL_VERSION = readToolVersion();
