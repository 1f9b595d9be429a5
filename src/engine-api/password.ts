/**
 * The engine API password comes from an environment variable or a file named in the config, never from the
 * config itself, argv or a log line (DEVELOPERS.md Security). It is wrapped so it cannot be printed by accident.
 */
import { readFileSync } from 'node:fs';
import type { EngineApiConfig } from '../config/types.js';
import { ConfigError } from '../errors.js';

export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '<redacted>';
  }
  toJSON(): string {
    return '<redacted>';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'Secret(<redacted>)';
  }
}

export function readEngineApiPassword(api: EngineApiConfig, env: NodeJS.ProcessEnv): Secret {
  if (api.passwordEnv) {
    const value = env[api.passwordEnv];
    if (!value) throw new ConfigError([{ path: 'engineApi.passwordEnv', message: `environment variable ${api.passwordEnv} is not set` }]);
    return new Secret(value);
  }
  if (api.passwordFile) {
    try {
      const first = readFileSync(api.passwordFile, 'utf8').split('\n')[0] ?? '';
      if (!first) throw new Error('file is empty');
      return new Secret(first);
    } catch (error) {
      throw new ConfigError([{ path: 'engineApi.passwordFile', message: `cannot read ${api.passwordFile}: ${(error as Error).message}` }]);
    }
  }
  throw new ConfigError([{ path: 'engineApi', message: 'needs passwordEnv or passwordFile' }]);
}
