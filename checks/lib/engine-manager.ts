/** The manager section of the config, for checks and the handler of role manager. */
import type { Config, ManagerConfig } from '../../src/config/types.js';
import { InternalError } from '../../src/errors.js';

/** A check of role manager only runs when the config has a manager, so its absence is a bug. */
export function managerOf(config: Config): ManagerConfig {
  if (!config.manager) throw new InternalError('a manager check ran without a manager in the config');
  return config.manager;
}
