/**
 * Stage 1, preflight: the audit of all three roles (the runner with command `check`) must pass before anything
 * is uploaded. A check that drifts or errors, or a host that cannot be reached, is a broken link the later
 * stages would only rediscover less clearly; the stage names each one.
 */
import type { RunReport } from '../result/model.js';
import type { SmokeDeps, SmokeState, StageOutcome } from './types.js';
import type { Config } from '../config/types.js';

/** One line per problem: an unreachable host, or a check that is not ok/skipped with its first finding. */
export function preflightProblems(report: RunReport): string[] {
  const problems: string[] = [];
  for (const host of report.hosts) {
    if (!host.reachable) {
      problems.push(`${host.name}: unreachable: ${host.error ?? 'no connection'}`);
      continue;
    }
    for (const check of host.checks) {
      if (check.status !== 'drift' && check.status !== 'error') continue;
      const first = check.findings.find((f) => f.severity !== 'info');
      const why = check.status === 'error' ? (check.reason ?? 'errored') : (first?.message ?? check.title);
      problems.push(`${host.name} ${check.id}: ${check.status}: ${why}`);
    }
  }
  return problems;
}

/** `host/check` names of what is not ok, for the one-line message. */
function problemNames(report: RunReport): string[] {
  const names: string[] = [];
  for (const host of report.hosts) {
    if (!host.reachable) names.push(`${host.name} (unreachable)`);
    else for (const c of host.checks) if (c.status === 'drift' || c.status === 'error') names.push(`${host.name} ${c.id}`);
  }
  return [...new Set(names)];
}

export async function runPreflightStage(
  input: { config: Config; acceptNewHostKeys: boolean },
  deps: SmokeDeps,
  state: SmokeState,
): Promise<StageOutcome> {
  const report = await deps.runChecks({
    command: 'check',
    config: input.config,
    dryRun: false,
    flags: {},
    acceptNewHostKeys: input.acceptNewHostKeys,
    connector: deps.connector,
    registry: deps.registry,
    ...(deps.engineFacts ? { engineFacts: deps.engineFacts } : {}),
  });
  state.preflightReport = report;
  const problems = preflightProblems(report);
  const checks = report.hosts.reduce((n, h) => n + h.checks.length, 0);
  if (problems.length > 0) {
    const names = problemNames(report);
    const shown = names.length > 4 ? [...names.slice(0, 4), `${names.length - 4} more`] : names;
    return {
      status: 'failed',
      message: `${names.length} not ok: ${shown.join(', ')} — fix them first (\`ovirt-floppy apply\`)`,
      details: problems,
    };
  }
  const skipped = report.summary.skipped;
  return {
    status: 'ok',
    message: `${checks} checks on ${report.hosts.length} hosts pass${skipped ? ` (${skipped} skipped)` : ''}`,
  };
}
