import { describe, expect, it } from 'vitest';
import { anchorPhases, ansibleCurve, estimateRun, pickReference, type PhaseTimes, type ReferenceDetail } from '../../../bench/estimate.js';

const measured: PhaseTimes = {
  hypervisors: 10,
  fleetUpMs: 20_000,
  fleetDownMs: 5_000,
  setupMs: 8_000,
  checkAfterSetupMs: 2_000,
  probeCpuMs: 60_000,
  toolRepMs: 10_000,
  ansibleAuditMs: 40_000,
  ansibleSetupMs: 50_000,
  profileMs: 1_000,
  validationMs: 0,
};

describe('bench duration estimate', () => {
  it('goes through the three audit medians of the 2026-11-25 run', () => {
    expect(ansibleCurve(20)).toBeCloseTo(67.5, 0);
    expect(ansibleCurve(100)).toBeCloseTo(293.3, 0);
    expect(ansibleCurve(200)).toBeCloseTo(786.8, 0);
  });

  it('scales tool phases linearly, Ansible along the curve, and keeps the probe-CPU phase constant', () => {
    const plan = { hypervisors: 400, reps: 3, ansibleAuditReps: 1, ansibleSetup: true, profile: true, validate: false };
    const e = estimateRun(measured, plan);
    const k = ansibleCurve(400) / ansibleCurve(10);
    expect(e.phases['fleet start + stop']).toBeCloseTo(25_000 * 40, 6);
    expect(e.phases['tool setup + check']).toBeCloseTo(10_000 * 40, 6);
    expect(e.phases['probe CPU']).toBe(60_000);
    expect(e.phases['tool and OpenSSH reps']).toBeCloseTo(10_000 * 40 * 3, 6);
    expect(e.phases['Ansible audit (C)']).toBeCloseTo(40_000 * k, 6);
    expect(e.phases['Ansible setup']).toBeCloseTo(50_000 * k, 6);
    expect(e.phases['fleet start + stop for Ansible setup']).toBeCloseTo(25_000 * 40, 6);
    expect(e.phases.profile).toBeCloseTo(40_000, 6);
    expect(e.phases.validation).toBeUndefined();
    expect(e.totalMs).toBeCloseTo(
      Object.values(e.phases).reduce((a, b) => a + b, 0),
      6,
    );
    expect(e.basis).toContain(`x${k.toFixed(1)}`);
  });

  it('leaves out what the plan does not run or this run did not measure', () => {
    const e = estimateRun(
      { ...measured, ansibleSetupMs: null },
      { hypervisors: 10, reps: 1, ansibleAuditReps: 0, ansibleSetup: true, profile: false, validate: false },
    );
    expect(Object.keys(e.phases).sort()).toEqual(['fleet start + stop', 'probe CPU', 'tool and OpenSSH reps', 'tool setup + check']);
    expect(e.totalMs).toBe(25_000 + 10_000 + 60_000 + 10_000);
  });
});

describe('bench estimate anchored on an earlier quiet run', () => {
  // bench/results/latest.json of 2026-11-25 (quiet machine), 200 hypervisors: the fields anchorPhases reads.
  const ref200: ReferenceDetail = {
    hypervisors: 200,
    fleetUpMs: 92_038,
    convergeApplyMs: 75_367,
    samples: {
      A: [{ wallMs: 12_569 }, { wallMs: 10_605 }, { wallMs: 13_380 }],
      B: [{ wallMs: 17_196 }, { wallMs: 17_979 }, { wallMs: 19_719 }],
      Bp: [{ wallMs: 22_047 }, { wallMs: 22_509 }, { wallMs: 22_777 }],
      C: [{ wallMs: 716_349 }, { wallMs: 786_827 }, { wallMs: 892_970 }],
      D: [{ wallMs: 11_480 }, { wallMs: 13_266 }, { wallMs: 11_575 }],
    },
    scaling: [{ wallMs: 8_767 }, { wallMs: 12_040 }, { wallMs: 11_907 }],
    profile: { wallMs: 12_433 },
  };
  const run10: PhaseTimes = {
    ...measured,
    ansibleAuditMs: 262_000,
    ansibleSetupMs: 131_000,
    fleetUpMs: 68_000,
    fleetDownMs: 13_600,
    repParts: { A: 6_500, B: 5_200, B25519: 2_600, Bp: 8_300, D: 4_500, S: 16_000 },
  };

  it("takes the reference's own phases and this run's ratios for what it lacks", () => {
    const a = anchorPhases(ref200, run10);
    expect(a.hypervisors).toBe(200);
    expect(a.setupMs).toBe(75_367); // the converging apply of an issue #7 run is the setup
    expect(a.checkAfterSetupMs).toBe(12_569);
    expect(a.ansibleAuditMs).toBe(786_827);
    expect(a.ansibleSetupMs).toBeCloseTo(786_827 / 2, 6); // Ansible setup / audit = 0.5 in this run
    expect(a.fleetDownMs).toBeCloseTo(92_038 * 0.2, 6);
    expect(a.toolRepMs).toBeCloseTo(12_569 + 17_979 + 17_979 / 2 + 22_509 + 11_575 + 8_767 + 12_040 + 11_907, 6);
    expect(a.profileMs).toBe(12_433);
    expect(a.probeCpuMs).toBe(run10.probeCpuMs);
  });

  it('picks the largest size that has check and audit-playbook samples', () => {
    const noC: ReferenceDetail = { ...ref200, hypervisors: 300, samples: { A: ref200.samples.A } };
    expect(pickReference([{ ...ref200, hypervisors: 20 }, ref200, noC])?.hypervisors).toBe(200);
    expect(pickReference([noC])).toBeUndefined();
  });
});
