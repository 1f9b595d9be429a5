/**
 * How long a bench run at another fleet size will take, from the phases measured in this run (pure).
 * Issue #17 wants a 400-hypervisor run to fit one working session (≤ 90 min); this machine is shared, so the
 * 400 run happens in a later quiet session and this estimate, printed at the end of every run, says whether
 * the planned command line fits.
 *
 * Model, per phase, from the phase's time t(n) at the measured size n:
 *  - the tool, the OpenSSH floors, fleet start/stop: linear in hosts, t(N) = t(n) · N / n (their fixed parts —
 *    node start-up, ~0.5 s — make this a slight over-estimate from small n);
 *  - Ansible: per-host cost grows with the fleet (the linear strategy waits for every host per task; hostvars
 *    templating), so t(N) = t(n) · f(N) / f(n) with f(N) = c + a·N + b·N² fitted exactly through the three
 *    audit-playbook medians of the 2026-11-25 run (bench/README.md: 67.5 / 293.3 / 786.8 s at 20 / 100 / 200
 *    hypervisors). The setup playbook is scaled by the same curve (its own time at n, its own shape unknown);
 *  - probe-CPU measurements: constant (one host per role, fixed iterations).
 *
 * On a loaded machine a small run inflates everything (2026-12-03: load 10–18, the audit playbook at 10
 * hypervisors took 262 s where the quiet curve says ~50 s), so a second estimate is anchored on an earlier
 * quiet run's largest size (`anchorPhases`): its measured phases, and this run's RATIOS only for what that run
 * did not have (setup / check, Ansible setup / Ansible audit, B25519 / B) — ratios within one run, which the
 * load distorts far less than absolute times.
 */

export interface PhaseTimes {
  hypervisors: number;
  fleetUpMs: number;
  fleetDownMs: number;
  /** Tool setup (`apply --yes` on the stock fleet) + the check after it. */
  setupMs: number;
  checkAfterSetupMs: number;
  probeCpuMs: number;
  /** One repetition of every tool/OpenSSH workload (A, B, B25519, B', D, scaling runs), median. */
  toolRepMs: number;
  /** One audit playbook run (C); null when none ran. */
  ansibleAuditMs: number | null;
  /** One setup playbook run + the check after it (its fresh fleet's start/stop: fleetUpMs/fleetDownMs); null when none ran. */
  ansibleSetupMs: number | null;
  profileMs: number;
  /** The validation on the drifting fleet (one check + one audit playbook), 0 when not run. */
  validationMs: number;
  /** Medians of one rep's parts (A, B, B25519, Bp, D, S = all scaling runs): anchorPhases needs their ratios. */
  repParts?: Partial<Record<'A' | 'B' | 'B25519' | 'Bp' | 'D' | 'S', number>>;
}

export interface PlannedRun {
  hypervisors: number;
  reps: number;
  ansibleAuditReps: number;
  ansibleSetup: boolean;
  profile: boolean;
  validate: boolean;
}

/** f(N) = c + a·N + b·N², through (20, 67.5 s), (100, 293.3 s), (200, 786.8 s) of the 2026-11-25 audit playbook. */
export const ANSIBLE_CURVE = { c: 34.46, a: 1.4142, b: 0.011736 } as const;

export function ansibleCurve(n: number): number {
  return ANSIBLE_CURVE.c + ANSIBLE_CURVE.a * n + ANSIBLE_CURVE.b * n * n;
}

export interface Estimate {
  totalMs: number;
  phases: Record<string, number>;
  basis: string;
}

export function estimateRun(measured: PhaseTimes, plan: PlannedRun): Estimate {
  const lin = (ms: number) => (ms * plan.hypervisors) / measured.hypervisors;
  const ans = (ms: number) => (ms * ansibleCurve(plan.hypervisors)) / ansibleCurve(measured.hypervisors);
  const phases: Record<string, number> = {
    'fleet start + stop': lin(measured.fleetUpMs + measured.fleetDownMs),
    'tool setup + check': lin(measured.setupMs + measured.checkAfterSetupMs),
    'probe CPU': measured.probeCpuMs,
    'tool and OpenSSH reps': lin(measured.toolRepMs) * plan.reps,
  };
  if (plan.validate) phases.validation = measured.ansibleAuditMs === null ? lin(measured.validationMs) : ans(measured.validationMs);
  if (plan.ansibleAuditReps > 0 && measured.ansibleAuditMs !== null)
    phases['Ansible audit (C)'] = ans(measured.ansibleAuditMs) * plan.ansibleAuditReps;
  if (plan.ansibleSetup && measured.ansibleSetupMs !== null) {
    phases['Ansible setup'] = ans(measured.ansibleSetupMs);
    phases['fleet start + stop for Ansible setup'] = lin(measured.fleetUpMs + measured.fleetDownMs);
  }
  if (plan.profile) phases.profile = lin(measured.profileMs);
  const totalMs = Object.values(phases).reduce((a, b) => a + b, 0);
  return {
    totalMs,
    phases,
    basis: `from this run at ${measured.hypervisors} hypervisors: tool/OpenSSH/fleet linear in hosts, Ansible along the 2026-11-25 audit curve (x${(ansibleCurve(plan.hypervisors) / ansibleCurve(measured.hypervisors)).toFixed(1)})`,
  };
}

/** The parts of a results file's `details[]` entry that anchorPhases reads (issue #7's and #17's shapes). */
export interface ReferenceDetail {
  hypervisors: number;
  fleetUpMs: number;
  /** Issue #7 runs: the converging apply on the stock fleet, i.e. the setup. */
  convergeApplyMs?: number;
  setup?: { wallMs: number };
  samples: Partial<Record<'A' | 'B' | 'B25519' | 'Bp' | 'C' | 'D', { wallMs: number }[]>>;
  scaling?: { wallMs: number }[];
  profile?: { wallMs: number };
  ansibleSetup?: { wallMs: number; checkAfter?: { wallMs: number } };
  phases?: Partial<PhaseTimes>;
}

function med(xs: readonly number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length === 0 ? NaN : v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** The largest size of a results file with check and audit-playbook samples, or undefined. */
export function pickReference(details: readonly ReferenceDetail[]): ReferenceDetail | undefined {
  return [...details]
    .filter((d) => (d.samples?.A?.length ?? 0) > 0 && (d.samples?.C?.length ?? 0) > 0)
    .sort((a, b) => b.hypervisors - a.hypervisors)[0];
}

/** The phases of `ref` at its own size, with this run's ratios standing in for what `ref` did not measure. */
export function anchorPhases(ref: ReferenceDetail, run: PhaseTimes): PhaseTimes {
  const w = (k: keyof ReferenceDetail['samples']) => med((ref.samples[k] ?? []).map((s) => s.wallMs));
  const part = (k: keyof NonNullable<PhaseTimes['repParts']>) => run.repParts?.[k] ?? NaN;
  const [a, b, bp, c, d] = [w('A'), w('B'), w('Bp'), w('C'), w('D')];
  const b25519 = (ref.samples.B25519?.length ?? 0) > 0 ? w('B25519') : (b * part('B25519')) / part('B');
  const scaling = (ref.scaling ?? []).reduce((x, s) => x + s.wallMs, 0);
  const ansibleSetup = ref.ansibleSetup
    ? ref.ansibleSetup.wallMs + (ref.ansibleSetup.checkAfter?.wallMs ?? a)
    : run.ansibleSetupMs !== null && run.ansibleAuditMs !== null
      ? (c * run.ansibleSetupMs) / run.ansibleAuditMs
      : null;
  return {
    hypervisors: ref.hypervisors,
    fleetUpMs: ref.fleetUpMs,
    fleetDownMs: ref.phases?.fleetDownMs ?? (ref.fleetUpMs * run.fleetDownMs) / run.fleetUpMs,
    setupMs: ref.setup?.wallMs ?? ref.convergeApplyMs ?? (a * run.setupMs) / part('A'),
    checkAfterSetupMs: a,
    probeCpuMs: ref.phases?.probeCpuMs ?? run.probeCpuMs,
    toolRepMs: a + b + b25519 + bp + d + scaling,
    ansibleAuditMs: Number.isFinite(c) ? c : null,
    ansibleSetupMs: ansibleSetup,
    profileMs: ref.profile?.wallMs ?? a,
    validationMs: 0,
  };
}
