/**
 * Handler restart-engine: restart the engine service, then wait, bounded, for its health servlet to answer 200.
 *
 * Why: UserDefinedVMProperties is read only at engine start (facts §1.6); the ovirt ansible role does the same
 * restart + health poll. Runs once per host, only when a step that notifies it ran (the runner decides), so a
 * second `apply` with nothing to change restarts nothing. `systemctl restart` returns when the unit reports
 * started, which for the engine is before the web application answers, hence the separate wait, bounded by
 * `manager.restartTimeout`; on timeout the step fails with the last HTTP answer on stderr. Only then, with the engine
 * healthy again, is the restart-pending marker removed (lib/engine-restart-marker.ts): a restart that failed or never
 * got healthy leaves it, so `check` without engineApi still reports the pending restart.
 */
import type { Handler, Step } from '../../src/check-api.js';
import type { Config } from '../../src/config/types.js';
import { waitForHealthScript } from '../lib/engine-health.js';
import { managerOf } from '../lib/engine-manager.js';
import { MARKER_PATH, removeRestartMarker } from '../lib/engine-restart-marker.js';

export const restartEngine: Handler<Config> = {
  name: 'restart-engine',
  describe: 'restart ovirt-engine and wait for its health servlet',
  plan: ({ config }): Step[] => {
    const { engineService, healthUrl, restartTimeout } = managerOf(config);
    return [
      { describe: `restart ${engineService}`, run: { argv: ['systemctl', 'restart', engineService] }, timeout: restartTimeout + 60 },
      {
        describe: `wait up to ${restartTimeout} s for ${healthUrl} to answer 200`,
        run: waitForHealthScript(healthUrl, restartTimeout),
        timeout: restartTimeout + 30,
      },
      { describe: `remove ${MARKER_PATH} (the engine runs the stored properties now)`, run: { argv: removeRestartMarker() } },
    ];
  },
};

export default restartEngine;
