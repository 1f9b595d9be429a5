/** Hypervisor checks in run order: a check's dependsOn ids come before it (the runner evaluates in this order). */
import type { Check } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import hypervisorFloppyAccess from './hypervisor-floppy-access.js';
import hypervisorFloppyMount from './hypervisor-floppy-mount.js';
import hypervisorHookFiles from './hypervisor-hook-files.js';
import hypervisorHookPackage from './hypervisor-hook-package.js';
import hypervisorSelinux from './hypervisor-selinux.js';
import hypervisorVdsmInstalled from './hypervisor-vdsm-installed.js';

export const hypervisorChecks: Check<any, Config>[] = [
  hypervisorVdsmInstalled,
  hypervisorHookPackage,
  // issue #6: hypervisor-bundled-hook goes here (vdsm 4.40+), before the checks of the hook's surroundings.
  hypervisorHookFiles,
  hypervisorSelinux,
  hypervisorFloppyMount,
  hypervisorFloppyAccess,
];
