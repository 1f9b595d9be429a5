/**
 * The configuration, loaded and checked: parse (YAML/JSON) → schema (ajv, defaults filled in) → derived defaults
 * → rules → typed Config. Every problem is reported at once in one ConfigError (exit 2); loading contacts nobody.
 */
import { homedir } from 'node:os';
import { ConfigError, type Issue } from '../errors.js';
import { applyDerivedDefaults, expandLocalPaths } from './defaults.js';
import { recordGivenSshValues } from './given.js';
import { isObj } from './guards.js';
import { findConfigFile, parseConfigSource, readConfigFile } from './load.js';
import { lineOf, type SourceMap } from './locate.js';
import { formatPath, samePath, type LocatedIssue } from './paths.js';
import { ruleIssues } from './rules.js';
import type { Config } from './types.js';
import { schemaIssues } from './validate.js';

export type * from './types.js';
export { hostTargets, allHostTargets } from './resolve.js';
export { starterConfigYaml } from './starter.js';
export { defaultPropertyRegex, escapeRegex } from './property-regex.js';
export { findConfigFile, CONFIG_ENV, DEFAULT_CONFIG_FILE } from './load.js';

export interface LoadConfigOptions {
  /** `-c/--config` as given (relative to cwd). */
  path?: string;
  /** Process environment: `$OVIRT_FLOPPY_CONFIG`, and `$HOME` for `~`. */
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Home directory for `~` expansion. Default: `env.HOME`, else os.homedir(). */
  home?: string;
}

export interface LoadedConfig {
  config: Config;
  /** Accepted, but worth telling the user (e.g. a property regex that can match outside the floppy directory). */
  warnings: Issue[];
  /** Absolute path of the file that was read. */
  file: string;
}

export interface CheckOptions {
  /** Shown in the ConfigError message. */
  file?: string;
  /** Home directory for `~` expansion. Default: os.homedir(). */
  home?: string;
  /** Source positions, so issues can say which line. */
  source?: SourceMap;
}

/** Find, read, parse and check the config file. Throws ConfigError with every problem. */
export async function loadConfig(opts: LoadConfigOptions): Promise<LoadedConfig> {
  const { file, source } = findConfigFile(opts);
  const text = await readConfigFile(file, source);
  const { config, warnings } = parseConfig(text, { file, home: opts.home ?? opts.env.HOME ?? homedir() });
  return { config, warnings, file };
}

/** Parse and check config text (YAML, or JSON when `file` ends in .json). Throws ConfigError. */
export function parseConfig(text: string, opts: { file: string; home?: string }): { config: Config; warnings: Issue[] } {
  const parsed = parseConfigSource(text, opts.file);
  if (parsed.errors.length > 0) throw new ConfigError(parsed.errors, opts.file);
  const result = checkConfig(parsed.data, { file: opts.file, home: opts.home, source: parsed.source });
  return { config: result.config, warnings: [...parsed.warnings, ...result.warnings] };
}

function present(issues: LocatedIssue[], source: SourceMap | undefined): Issue[] {
  const located = issues.map((i) => ({ ...i, line: source ? lineOf(source, i.at) : undefined }));
  // File order reads best; issues about the whole document (no line) first. Array.sort is stable.
  located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return located.map((i) => ({ path: formatPath(i.at), message: i.line !== undefined ? `${i.message} (line ${i.line})` : i.message }));
}

/** Check already-parsed data (not changed: it is copied first). Throws ConfigError with every problem. */
export function checkConfig(input: unknown, opts: CheckOptions = {}): { config: Config; warnings: Issue[] } {
  if (input === null || input === undefined) {
    throw new ConfigError(
      [{ path: '(config)', message: 'the file is empty; `ovirt-floppy init` writes a commented starter config' }],
      opts.file,
    );
  }
  if (!isObj(input)) {
    throw new ConfigError(
      [
        {
          path: '(config)',
          message: `must be a mapping of sections (ssh:, manager:, ...), got ${Array.isArray(input) ? 'a list' : typeof input}`,
        },
      ],
      opts.file,
    );
  }
  const data: unknown = structuredClone(input);
  const given = givenSshValues(input);
  const schema = schemaIssues(data);
  applyDerivedDefaults(data);
  const rules = ruleIssues(data);
  // A value the schema already refused needs no second message from a rule.
  const ruleErrors = rules.errors.filter((r) => !schema.some((s) => samePath(s.at, r.at)));
  const errors = present([...schema, ...ruleErrors], opts.source);
  if (errors.length > 0) throw new ConfigError(errors, opts.file);
  const config = expandLocalPaths(data as Config, opts.home ?? homedir());
  recordGivenSshValues(config, given);
  return { config, warnings: present(rules.warnings, opts.source) };
}

/** Before the schema fills in defaults: which of ssh.user / ssh.port the file itself sets. */
function givenSshValues(input: Record<string, unknown>): { user: boolean; port: boolean } {
  const ssh = isObj(input.ssh) ? input.ssh : {};
  return { user: ssh.user !== undefined, port: ssh.port !== undefined };
}
