/** vdsm-hook-floppy exists only below vdsm 4.40 (facts §0.1); shared by the hook package and hook files checks. */
import type { CheckContext } from '../../src/check-api.js';
import type { Config } from '../../src/config/types.js';
import { vdsmHasHookPackage } from './rpm-version.js';

export const HOOK_PACKAGE = 'vdsm-hook-floppy';

/** `true` below vdsm 4.40 (and without vdsm: hypervisor-vdsm-installed reports that), else the skip reason. */
export function hookPackageApplies({ facts }: CheckContext<Config>): true | string {
  if (!facts.vdsmVersion || vdsmHasHookPackage(facts.vdsmVersion)) return true;
  return `vdsm ${facts.vdsmVersion}: vdsm 4.40+ has no ${HOOK_PACKAGE} (removed in vdsm 3b251ecd, obsoleted by vdsm); the bundled hook is installed instead`;
}
