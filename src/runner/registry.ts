/** What a run works with: the checks in display order, the cross-host checks and the handlers. */
import type { Check, CrossHostCheck, Handler } from '../check-api.js';
import type { Config } from '../config/types.js';

export interface Registry {
  checks: Check<any, Config>[];
  crossHostChecks: CrossHostCheck<any, Config>[];
  handlers: Handler<Config>[];
}
