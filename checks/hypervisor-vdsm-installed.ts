/**
 * hypervisor-vdsm-installed: the hypervisor runs vdsm, and the report shows its OS release and vdsm version.
 *
 * Why: the floppy hook is a vdsm hook, and which hook applies depends on the vdsm version (the packaged
 * vdsm-hook-floppy up to 4.30, nothing packaged from 4.40, facts §0.1, §7 "Detect versions first"). Versions come
 * from the runner's host facts (one `rpm -q` for vdsm, ovirt-engine and vdsm-hook-floppy, /etc/redhat-release); no
 * probe of its own. A host without vdsm is not an oVirt host: not fixable here (hosts are added through the
 * engine). rpm output the facts could not read is an error, not "not installed". Gate for the hook checks.
 * Role: hypervisor.
 */
import { defineCheck, type Finding } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { ParseError } from '../src/errors.js';
import { osRelease } from './lib/os-release.js';
import { vdsmHasHookPackage } from './lib/rpm-version.js';

export default defineCheck<Record<string, never>, Config>({
  id: 'hypervisor-vdsm-installed',
  title: 'the hypervisor runs vdsm',
  roles: ['hypervisor'],
  severity: 'error',
  needsRoot: false, // rpm -q in the host facts answers every user
  probe: () => ({}),
  compare: (_observed, { facts }): Finding[] => {
    if (!facts.vdsmVersion) {
      // rpm ran but its answer could not be read: unknown, not "not installed".
      if (facts.rpmError) throw new ParseError('rpm -q vdsm', facts.rpmError, 'no answer for the package');
      const why = facts.hasRpm ? 'rpm -q vdsm finds no package' : 'this host has no rpm';
      return [
        {
          code: 'vdsm-not-installed',
          message: `vdsm is not installed (${why}) on ${osRelease(facts)}: not an oVirt hypervisor`,
          fixable: false,
        },
      ];
    }
    const hook = vdsmHasHookPackage(facts.vdsmVersion)
      ? 'floppy hook: package vdsm-hook-floppy'
      : 'floppy hook: bundled (vdsm 4.40+ has no vdsm-hook-floppy)';
    return [{ code: 'vdsm-version', severity: 'info', message: `vdsm ${facts.vdsmVersion} on ${osRelease(facts)}; ${hook}` }];
  },
});
