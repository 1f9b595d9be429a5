/**
 * Cross-host checks (kvm gid equal everywhere, the same mount source on every hypervisor): each host probed
 * its part inside its own single script; here all parts meet. Never fixes: the findings say what to change.
 */
import type { CrossHostCheck, CrossHostObservation } from '../check-api.js';
import type { Config } from '../config/types.js';
import type { CheckResult } from '../result/model.js';
import { actionable } from '../result/severity.js';
import type { HostSession } from './host-session.js';

export function evaluateCrossHost(
  checks: readonly CrossHostCheck<unknown, Config>[],
  sessions: readonly HostSession[],
  config: Config,
): Map<string, CheckResult[]> {
  const perHost = new Map<string, CheckResult[]>();
  const add = (host: string, result: CheckResult) => perHost.set(host, [...(perHost.get(host) ?? []), result]);
  for (const check of checks) {
    const started = Date.now();
    const inScope = sessions.filter((s) => check.roles.includes(s.target.role) && s.facts);
    const observations: CrossHostObservation<unknown>[] = [];
    const base = { id: check.id, title: check.title, severity: check.severity, changes: [] };
    for (const s of inScope) {
      const obs = s.crossObservations.get(check.id);
      if (obs?.ok) observations.push({ host: s.ref, facts: s.facts!, observed: obs.observed, ...(s.engine ? { engine: s.engine } : {}) });
      else
        add(s.target.name, {
          ...base,
          status: 'error',
          findings: [],
          durationMs: 0,
          reason: obs && !obs.ok ? obs.error.message : 'not probed',
        });
    }
    let findings: Map<string, import('../check-api.js').Finding[]>;
    try {
      findings = check.compare(observations, config);
    } catch (error) {
      for (const o of observations)
        add(o.host.name, { ...base, status: 'error', findings: [], durationMs: 0, reason: String((error as Error)?.message ?? error) });
      continue;
    }
    for (const o of observations) {
      const list = findings.get(o.host.name) ?? [];
      const drift = actionable(list, check.severity).length > 0;
      add(o.host.name, { ...base, status: drift ? 'drift' : 'ok', findings: list, durationMs: Date.now() - started });
    }
  }
  return perHost;
}
