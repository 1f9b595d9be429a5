/**
 * hypervisor-hook-package: vdsm-hook-floppy is installed on hypervisors with vdsm below 4.40.
 *
 * Why: the hook adds the floppy disk named by the VM's `floppy` custom property to the libvirt XML at VM start
 * (facts §2.1, §2.2). It exists only up to vdsm 4.30 (oVirt 4.3): it was removed in vdsm 3b251ecd and the vdsm
 * package obsoletes it, so from 4.40 this check is skipped with that reason instead of a failed install; the
 * bundled hook (hypervisor-bundled-hook, issue #6) takes its place (facts §0.1, DESIGN §4).
 * How: no probe of its own. The runner's host facts ask ONE `rpm -q` for vdsm, ovirt-engine and this package
 * (src/runner/host-facts.ts: facts.hookPackageVersion); a second rpm start per hypervisor only for this package
 * cost ~5 ms of CPU on every host of the fleet. The facts are gathered again at every re-probe, so a package
 * installed by `apply` is seen in the same run.
 * Fix: `dnf install -y` or `yum install -y`, whichever the host has (facts.packageManager).
 * Role: hypervisor. Needs hypervisor-vdsm-installed.
 */
import { defineCheck, type Finding, type HostFacts, type Step } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { ParseError } from '../src/errors.js';
import { HOOK_PACKAGE, hookPackageApplies } from './lib/hypervisor-hook-package.js';

export type HookPackage = { rpm: 'missing' } | { rpm: 'ran'; installed?: string };

/** What the facts say about the package; rpm output the facts could not read is an error of this check. */
export function hookPackageFromFacts(facts: HostFacts): HookPackage {
  if (!facts.hasRpm) return { rpm: 'missing' };
  if (facts.hookPackageVersion) return { rpm: 'ran', installed: facts.hookPackageVersion };
  if (facts.rpmError) throw new ParseError(`rpm -q ${HOOK_PACKAGE}`, facts.rpmError, 'no answer for the package');
  return { rpm: 'ran' };
}

export default defineCheck<Record<string, never>, Config>({
  id: 'hypervisor-hook-package',
  title: `${HOOK_PACKAGE} is installed`,
  roles: ['hypervisor'],
  severity: 'error',
  needsRoot: false, // rpm -q in the host facts answers every user (installing it does need root)
  dependsOn: ['hypervisor-vdsm-installed'],
  appliesTo: hookPackageApplies,
  probe: () => ({}),
  compare: (_observed, { facts }): Finding[] => {
    const hookPackage = hookPackageFromFacts(facts);
    if (hookPackage.rpm === 'missing')
      return [{ code: 'rpm-missing', message: 'rpm is not installed: cannot tell which packages are', fixable: false }];
    if (hookPackage.installed) return [];
    const how = facts.packageManager
      ? `${facts.packageManager} install -y ${HOOK_PACKAGE}`
      : 'no dnf or yum on this host to install it with';
    return [
      {
        code: 'hook-package-missing',
        message: `${HOOK_PACKAGE} is not installed (${how})`,
        expected: HOOK_PACKAGE,
        actual: '(not installed)',
        fixable: facts.packageManager !== undefined,
      },
    ];
  },
  fix: (_observed, { facts }): Step[] => {
    const hookPackage = hookPackageFromFacts(facts);
    if (hookPackage.rpm !== 'ran' || hookPackage.installed || !facts.packageManager) return [];
    return [
      {
        describe: `install ${HOOK_PACKAGE} with ${facts.packageManager}`,
        run: { argv: [facts.packageManager, 'install', '-y', HOOK_PACKAGE] },
        timeout: 600,
      },
    ];
  },
});
