/**
 * manager-engine-healthy: the engine's health servlet answers 200 (`manager.healthUrl`, facts §1.6).
 *
 * Why: a stopped engine or one whose database is down (500) cannot run a VM, with or without floppy. Asked with
 * curl on the manager itself, the same request the restart handler waits on.
 * Not fixable on purpose: restarting a production engine because one request failed hides the cause (a 500
 * means the database query failed, which a restart does not cure) and interrupts every admin session; the
 * finding says what to look at. After our own property change the restart handler waits for this to be 200.
 * Role: manager. Needs manager-engine-installed.
 */
import { defineCheck, type Finding } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { describeHealth, healthArgv, parseHealth, type HealthObservation } from './lib/engine-health.js';
import { managerOf } from './lib/engine-manager.js';

export default defineCheck<{ health: HealthObservation }, Config>({
  id: 'manager-engine-healthy',
  title: 'the engine health servlet answers 200',
  roles: ['manager'],
  severity: 'error',
  needsRoot: false, // the health URL answers every user
  dependsOn: ['manager-engine-installed'],
  probe: ({ config }) => ({ health: { run: healthArgv(managerOf(config).healthUrl), parse: parseHealth } }),
  compare: ({ health }, { config }): Finding[] => {
    const { healthUrl, engineService } = managerOf(config);
    if (health.curl === 'missing')
      return [{ code: 'curl-missing', message: 'curl is not installed on the manager; cannot ask the health servlet', fixable: false }];
    if (health.curlExit === 0 && health.httpCode === 200) return [];
    const hint =
      health.httpCode === 500 ? 'the engine cannot query its database' : `is ${engineService} running? (systemctl status ${engineService})`;
    return [
      {
        code: 'engine-unhealthy',
        message: `${healthUrl} ${describeHealth(health)}: ${hint}`,
        expected: 'HTTP 200',
        actual: health.curlExit === 0 ? `HTTP ${health.httpCode}` : describeHealth(health),
        fixable: false,
      },
    ];
  },
});
