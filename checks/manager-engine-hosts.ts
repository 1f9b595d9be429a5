/**
 * manager-engine-hosts: the engine and the config agree on the hypervisors; what the engine says about its hosts
 * and clusters is in the report.
 *
 * Why: a config listing hypervisors drifts from reality the day a host is added (DESIGN §1: the engine is the
 * source of truth). With `discover:` the runner takes the hosts from the engine (src/engine-api/discovery.ts);
 * either way a configured hypervisor the engine does not know is a typo, a retired host, or another engine's.
 * What it reports:
 *  - warn `host-unknown-to-engine`: a configured hypervisor that matches no engine host by name or address.
 *  - warn `discover-cluster-unknown`: a `discover.clusters` name the engine has no cluster for.
 *  - info `host-not-up`: an engine host in scope that is not up (with discover it is reported as skipped).
 *  - info `ovirt-node`: an image-based oVirt Node; hooks under /usr/libexec vanish with an image update.
 *  - info `cluster-payload`: each cluster's level and bios type (chipset), what decides floppy vs CD: on level
 *    ≤ 4.3 the engine's own sysprep payload is a floppy at fda (facts §3); Q35 needs a QEMU with isa-fdc (§8.2).
 * Nothing here is fixable by apply (the engine's host list is the admin's).
 * Role: manager, with engineApi (ctx.engine.inventory). An unanswered API makes the check `error`.
 */
import { defineCheck, type Finding } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { effectiveChipset } from './lib/domcaps-verdict.js';
import { engineHostFor, inventoryOrThrow, isOvirtNode, OVIRT_NODE_EXPLANATION } from './lib/engine-inventory.js';

export default defineCheck<Record<string, never>, Config>({
  id: 'manager-engine-hosts',
  title: 'the engine knows every configured hypervisor',
  roles: ['manager'],
  severity: 'warn',
  needsRoot: false, // the engine's API, asked from this machine
  appliesTo: ({ engine }) => (engine?.inventory ? true : 'engineApi not configured'),
  probe: () => ({}),
  compare: (_observed, { engine, config }): Finding[] => {
    const inventory = inventoryOrThrow(engine?.inventory);
    const findings: Finding[] = [];
    const wanted = config.discover?.clusters;
    for (const name of wanted ?? []) {
      if (!inventory.clusters.some((c) => c.name === name)) {
        findings.push({
          code: 'discover-cluster-unknown',
          message: `discover.clusters names ${name}, but the engine has no such cluster (it has ${inventory.clusters.map((c) => c.name).join(', ') || 'none'})`,
          fixable: false,
        });
      }
    }
    for (const h of config.hypervisors) {
      if (!engineHostFor(inventory, { name: h.name, address: h.host })) {
        findings.push({
          code: 'host-unknown-to-engine',
          message: `hypervisor ${h.name} (${h.host}) is configured but the engine has no host of that name or address: a typo, a retired host or another engine's`,
          fixable: false,
        });
      }
    }
    const inScope = inventory.hosts.filter((h) => !wanted || (h.clusterName !== undefined && wanted.includes(h.clusterName)));
    for (const h of inScope) {
      if (h.status !== 'up') {
        findings.push({
          code: 'host-not-up',
          severity: 'info',
          message: `${h.name} (${h.address}, cluster ${h.clusterName ?? '?'}) has status ${h.status} in the engine`,
        });
      }
      if (isOvirtNode(h))
        findings.push({ code: 'ovirt-node', severity: 'info', message: `${h.name} is an oVirt Node: ${OVIRT_NODE_EXPLANATION}` });
    }
    for (const c of inventory.clusters) {
      const chipset = c.version ? effectiveChipset(undefined, c.biosType, c.version) : undefined;
      findings.push({
        code: 'cluster-payload',
        severity: 'info',
        message: `cluster ${c.name}: level ${c.version ?? '?'}, bios type ${c.biosType ?? '?'}${chipset ? ` (${chipset === 'q35' ? 'Q35' : 'i440fx'} by default)` : ''}`,
      });
    }
    return findings;
  },
});
