/**
 * The hosts a run will work on, as the runner selects them (`hostTargets`, src/config/resolve.ts), for the
 * progress display. Calling it before the run also refuses an `--only` value that matches nothing as a
 * UsageError (exit 2) before anything is contacted.
 */
import type { HostRef } from '../check-api.js';
import { hostTargets } from '../config/resolve.js';
import type { Config } from '../config/types.js';

export function targetHosts(config: Config, only?: string[]): HostRef[] {
  return hostTargets(config, only).map((t) => ({ name: t.name, role: t.role, address: t.host }));
}
