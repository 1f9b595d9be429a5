/**
 * cross-kvm-gid: group `kvm` has the same numeric gid on the sftp server and on every hypervisor.
 *
 * Why: NFS carries numbers, not names. The floppy directory is group kvm on the sftp/NFS server; qemu on the
 * hypervisors reaches the images through its membership in kvm (facts §5.1, §5.2). oVirt fixes kvm to gid 36
 * (facts §5.1), so the expected gid is the one most hypervisors have (36 on a tie). A host without kvm is only
 * noted (info): its own checks (sftp-floppy-dir, vdsm) report and fix that. Cross-host checks never fix; the
 * finding names every host's gid. Roles: sftp, hypervisor.
 */
import { defineCrossHostCheck, type Finding } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { parseGetentGroups } from './lib/passwd-entry.js';

export interface KvmObserved {
  gid?: number;
}

/** Most common gid among the hypervisors (else among all hosts); 36 wins a tie (facts §5.1). */
export function expectedGid(hypervisorGids: number[], allGids: number[]): number | undefined {
  const pool = hypervisorGids.length > 0 ? hypervisorGids : allGids;
  const counts = new Map<number, number>();
  for (const g of pool) counts.set(g, (counts.get(g) ?? 0) + 1);
  let best: number | undefined;
  for (const [gid, n] of counts) {
    const bestN = best === undefined ? -1 : counts.get(best)!;
    if (n > bestN || (n === bestN && gid === 36)) best = gid;
  }
  return best;
}

export default defineCrossHostCheck<KvmObserved, Config>({
  id: 'cross-kvm-gid',
  title: 'group kvm has the same gid on the sftp server and every hypervisor',
  roles: ['sftp', 'hypervisor'],
  severity: 'error',
  probe: () => ({
    gid: {
      run: ['getent', 'group', 'kvm'],
      parse: (out, code) => parseGetentGroups(out, code).find((g) => g.name === 'kvm')?.gid,
    },
  }),
  compare: (observations) => {
    const result = new Map<string, Finding[]>();
    const known = observations.filter((o) => o.observed.gid !== undefined);
    const expected = expectedGid(
      known.filter((o) => o.host.role === 'hypervisor').map((o) => o.observed.gid!),
      known.map((o) => o.observed.gid!),
    );
    const summary = observations.map((o) => `${o.host.name}=${o.observed.gid ?? 'none'}`).join(', ');
    for (const o of observations) {
      const gid = o.observed.gid;
      if (gid === undefined) {
        result.set(o.host.name, [
          { code: 'kvm-missing', severity: 'info', message: `${o.host.name} has no group kvm; not compared (${summary})` },
        ]);
      } else if (expected !== undefined && gid !== expected) {
        result.set(o.host.name, [
          {
            code: 'kvm-gid-mismatch',
            message: `kvm is gid ${gid} on ${o.host.name} but ${expected} elsewhere (${summary}): files the sftp server writes as kvm reach the other hosts as another group`,
            expected: String(expected),
            actual: String(gid),
            fixable: false,
          },
        ]);
      }
    }
    return result;
  },
});
