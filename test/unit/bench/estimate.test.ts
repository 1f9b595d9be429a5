import { describe, expect, it } from 'vitest';
import { ansibleCurve, estimateRun, type PhaseTimes } from '../../../bench/estimate.js';

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
    expect(e.totalMs).toBeCloseTo(Object.values(e.phases).reduce((a, b) => a + b, 0), 6);
    expect(e.basis).toContain(`x${k.toFixed(1)}`);
  });

  it('leaves out what the plan does not run or this run did not measure', () => {
    const e = estimateRun({ ...measured, ansibleSetupMs: null }, { hypervisors: 10, reps: 1, ansibleAuditReps: 0, ansibleSetup: true, profile: false, validate: false });
    expect(Object.keys(e.phases).sort()).toEqual(['fleet start + stop', 'probe CPU', 'tool and OpenSSH reps', 'tool setup + check']);
    expect(e.totalMs).toBe(25_000 + 10_000 + 60_000 + 10_000);
  });
});
