/**
 * Which of `ssh.user` / `ssh.port` the config file itself sets. The schema fills in defaults (root, 22) before
 * anything else sees the config, and ~/.ssh/config's User/Port must apply only where the file says nothing: an
 * explicit `user: root` wins, like `ssh -l root`. Kept beside the Config (not in it), so the Config type stays
 * exactly the schema; a Config built another way (tests, copies) has no record and the SSH layer then infers
 * "given" from a value that differs from the default.
 */
import type { Config } from './types.js';

export interface GivenSshValues {
  user: boolean;
  port: boolean;
}

const given = new WeakMap<Config, GivenSshValues>();

export function recordGivenSshValues(config: Config, values: GivenSshValues): void {
  given.set(config, values);
}

export function givenSshValues(config: Config): GivenSshValues | undefined {
  return given.get(config);
}
