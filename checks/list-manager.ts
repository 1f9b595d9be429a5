/** Manager checks in run order: a check's dependsOn ids come before it (the runner evaluates in this order). */
import type { Check } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import managerEngineHealthy from './manager-engine-healthy.js';
import managerEngineHostHooks from './manager-engine-host-hooks.js';
import managerEngineHosts from './manager-engine-hosts.js';
import managerEngineInstalled from './manager-engine-installed.js';
import managerEngineRestartPending from './manager-engine-restart-pending.js';
import managerFloppyProperty from './manager-floppy-property.js';
import managerFloppyRegex from './manager-floppy-regex.js';
import managerPayloadExposure from './manager-payload-exposure.js';

export const managerChecks: Check<any, Config>[] = [
  managerEngineInstalled,
  managerFloppyRegex,
  managerFloppyProperty,
  managerEngineHealthy,
  managerEngineRestartPending,
  managerEngineHosts,
  managerEngineHostHooks,
  managerPayloadExposure,
];
