/**
 * `init [FILE]`: write the commented starter config. Never overwrites without --force: the file may already
 * hold a real environment's settings.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Outcome } from '../result/exit-code.js';
import type { CliDeps } from './deps.js';

export interface InitOptions {
  /** @defaultValue "ovirt-floppy.yaml" in the working directory */
  file?: string;
  force: boolean;
}

export const DEFAULT_CONFIG_FILE = 'ovirt-floppy.yaml';

export async function writeStarterConfig(options: InitOptions, deps: CliDeps): Promise<Outcome> {
  const path = resolve(deps.cwd, options.file ?? DEFAULT_CONFIG_FILE);
  const content = await deps.starterConfigYaml();
  try {
    // `wx` makes "refuse to overwrite" atomic: no window between a check and the write.
    await writeFile(path, content, { flag: options.force ? 'w' : 'wx', mode: 0o644 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`${path} already exists; use --force to overwrite it`);
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') {
      throw new UsageError(`cannot write ${path}: ${(error as Error).message}`, { cause: error });
    }
    throw error;
  }
  deps.stderr.write(`wrote ${path}\nedit it, then run: ovirt-floppy check -c ${options.file ?? DEFAULT_CONFIG_FILE}\n`);
  return { kind: 'done' };
}
