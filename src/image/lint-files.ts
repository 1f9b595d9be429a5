/**
 * Reads the input files of `image` and lints each (answer-file-lint.ts). A file that cannot be read is left to
 * writeFloppyImage, which lists every input problem at once; a malformed XML file is a usage error (exit 2)
 * naming file, line and column, raised before any image is written.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { describeLint, describeMalformed, lintAnswerFile, type AnswerFileLint } from './answer-file-lint.js';

/** The notes to print (secret-bearing elements by name); throws UsageError for malformed XML. */
export async function lintInputFiles(paths: string[]): Promise<string[]> {
  const lints: AnswerFileLint[] = [];
  for (const path of paths) {
    const content = await readFile(path).catch(() => undefined);
    if (content !== undefined) lints.push(lintAnswerFile(path, content));
  }
  const malformed = lints.flatMap((l) => (l.kind === 'malformed' ? [describeMalformed(l)] : []));
  if (malformed.length > 0) throw new UsageError(malformed.join('\n'));
  return lints.map(describeLint).filter((n): n is string => n !== undefined);
}
