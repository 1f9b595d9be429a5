/**
 * Bench-only registries for the scaling table: 1, 10 or all checks per host. "all" is the real registry
 * (checks/index.ts). For a number K, every role gets exactly K check entries (its checks plus its cross-host
 * checks, in registry order): for K = 1 the first one that has a probe command and no dependsOn; for larger K
 * the real ones in order, then copies of the role's probe-carrying checks under new ids (`<id>~2`, …) until
 * there are K, so the script grows by real probe commands. A copy keeps the original's dependsOn (the original
 * is in the set) and behaviour. Each entry is limited to the roles it was picked for, so a real check shared by
 * two roles (cross-kvm-gid) never adds to a role that did not pick it.
 */
import type { Check, CrossHostCheck, ProbeContext, Role, Registry } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';

export type ChecksPerHost = number | 'all';

type AnyCheck = Check<any, Config> | CrossHostCheck<any, Config>;

const ROLES: Role[] = ['manager', 'hypervisor', 'sftp'];

function hasProbeCommand(check: AnyCheck, ctx: ProbeContext<Config>): boolean {
  try {
    return Object.keys(check.probe(ctx)).length > 0;
  } catch {
    return false;
  }
}

export function parseChecksPerHost(text: string): ChecksPerHost[] {
  return text.split(',').map((t) => {
    const v = t.trim();
    if (v === 'all') return 'all';
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`bench: --scaling takes positive numbers or "all", got "${v}"`);
    return n;
  });
}

export function scalingRegistry(base: Registry<Config>, perHost: ChecksPerHost, config: Config): Registry<Config> {
  if (perHost === 'all') return base;
  const isCross = new Set<AnyCheck>(base.crossHostChecks);
  const entries = new Map<string, { check: AnyCheck; cross: boolean; roles: Role[] }>();
  for (const role of ROLES) {
    const ctx: ProbeContext<Config> = { config, host: { name: 'x', role, address: '127.0.0.1' }, flags: {} };
    const own = [...base.checks, ...base.crossHostChecks].filter((c) => c.roles.includes(role));
    const probing = own.filter((c) => hasProbeCommand(c, ctx));
    const picked: { id: string; check: AnyCheck }[] = (
      perHost === 1 ? probing.filter((c) => !('dependsOn' in c && c.dependsOn?.length)).slice(0, 1) : own.slice(0, perHost)
    ).map((c) => ({ id: c.id, check: c }));
    for (let copy = 2; picked.length < perHost && probing.length > 0; copy++) {
      for (const c of probing) if (picked.length < perHost) picked.push({ id: `${c.id}~${copy}`, check: c });
    }
    for (const { id, check } of picked) {
      const entry = entries.get(id);
      if (entry) entry.roles.push(role);
      else entries.set(id, { check, cross: isCross.has(check), roles: [role] });
    }
  }
  const built = [...entries].map(([id, e]) => ({ cross: e.cross, check: { ...e.check, id, roles: e.roles } as AnyCheck }));
  return {
    checks: built.filter((b) => !b.cross).map((b) => b.check as Check<any, Config>),
    crossHostChecks: built.filter((b) => b.cross).map((b) => b.check as CrossHostCheck<any, Config>),
    handlers: base.handlers,
  };
}
