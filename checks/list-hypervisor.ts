/** Hypervisor checks in run order: a check's dependsOn ids come before it (the runner evaluates in this order). */
import type { Check } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import hypervisorBundledHook from './hypervisor-bundled-hook.js';
import hypervisorFloppyAccess from './hypervisor-floppy-access.js';
import hypervisorFloppyCapable from './hypervisor-floppy-capable.js';
import hypervisorFloppyMount from './hypervisor-floppy-mount.js';
import hypervisorHookFiles from './hypervisor-hook-files.js';
import hypervisorHookChecksum from './hypervisor-hook-checksum.js';
import hypervisorHookPackage from './hypervisor-hook-package.js';
import hypervisorPayloadChipset from './hypervisor-payload-chipset.js';
import hypervisorPayloadDevice from './hypervisor-payload-device.js';
import hypervisorSelinux from './hypervisor-selinux.js';
import hypervisorVdsmInstalled from './hypervisor-vdsm-installed.js';

export const hypervisorChecks: Check<any, Config>[] = [
  hypervisorVdsmInstalled,
  hypervisorHookPackage,
  // Exactly one of the two hook sources applies: the package below vdsm 4.40, the bundled hook from 4.40 (issue #6).
  hypervisorBundledHook,
  hypervisorHookFiles,
  hypervisorHookChecksum,
  hypervisorFloppyCapable,
  hypervisorPayloadDevice,
  hypervisorPayloadChipset,
  hypervisorSelinux,
  hypervisorFloppyMount,
  hypervisorFloppyAccess,
];
