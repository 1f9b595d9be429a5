/**
 * hypervisor-selinux: with SELinux enforcing, the boolean `virt_use_nfs` is on.
 *
 * Why: confined qemu (svirt_t) may only use images on NFS when `virt_use_nfs` is on; vdsm's own configurator
 * turns it on, but a host configured by hand may lack it (facts §5.3). The how-to's "SELinux must be disabled"
 * is outdated: enforcing with the boolean works, and an info finding says so on every host. Disabled,
 * permissive or absent (facts.selinux, from the runner) need nothing. The probe cannot depend on facts, so
 * `getsebool` always runs (one cheap command) and only counts when enforcing.
 * Fix: `setsebool -P virt_use_nfs 1` (persistent; rebuilding the policy can take a minute on EL).
 * Role: hypervisor.
 */
import { defineCheck, type Finding, type Step } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { parseSeBoolean, type SeBoolean } from './lib/hypervisor-sebool.js';

const BOOLEAN = 'virt_use_nfs';
const SEED_ADVICE = "the how-to's advice to disable SELinux is not needed: enforcing works with virt_use_nfs on";

export default defineCheck<{ virtUseNfs: SeBoolean }, Config>({
  id: 'hypervisor-selinux',
  title: `SELinux lets qemu use images on NFS (${BOOLEAN})`,
  roles: ['hypervisor'],
  severity: 'error',
  probe: () => ({ virtUseNfs: { run: ['getsebool', BOOLEAN], parse: (out, code) => parseSeBoolean(out, code, BOOLEAN) } }),
  compare: ({ virtUseNfs }, { facts }): Finding[] => {
    if (facts.selinux !== 'enforcing') {
      return [{ code: 'selinux-not-enforcing', severity: 'info', message: `SELinux is ${facts.selinux}: nothing to set; ${SEED_ADVICE}` }];
    }
    if (virtUseNfs.state === 'on')
      return [{ code: 'selinux-ok', severity: 'info', message: `SELinux enforcing with ${BOOLEAN} on; ${SEED_ADVICE}` }];
    if (virtUseNfs.state === 'off') {
      return [
        {
          code: 'virt-use-nfs-off',
          message: `SELinux is enforcing and ${BOOLEAN} is off: qemu cannot open images on NFS`,
          expected: 'on',
          actual: 'off',
        },
      ];
    }
    const why = virtUseNfs.state === 'getsebool-missing' ? 'getsebool is not installed' : 'getsebool failed';
    return [{ code: 'virt-use-nfs-unknown', message: `SELinux is enforcing but ${BOOLEAN} cannot be read (${why})`, fixable: false }];
  },
  fix: ({ virtUseNfs }, { facts }): Step[] =>
    facts.selinux === 'enforcing' && virtUseNfs.state === 'off'
      ? [{ describe: `turn on SELinux boolean ${BOOLEAN} persistently`, run: { argv: ['setsebool', '-P', BOOLEAN, '1'] }, timeout: 300 }]
      : [],
});
