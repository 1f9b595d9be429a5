import { describe, expect, it } from 'vitest';
import { allTargetsMet, computeRow, renderRow, targetChecks, type RowInput } from '../../../bench/report.js';

const input = (over: Partial<RowInput> = {}): RowInput => ({
  hypervisors: 400,
  wall: {
    A: [26_000, 24_000, 30_000],
    B: [36_000, 38_000, 35_000],
    B25519: [12_000, 13_000, 14_000],
    Bp: [45_000, 44_000, 46_000],
    C: [1_500_000],
    D: [23_000, 25_000, 24_000],
  },
  checkRssMb: [120, 131, 125],
  probeCpuMsPerHost: 39,
  connections: [1, 1, 1],
  execs: [1, 1, 1],
  convergedApplyChanges: [0, 0, 0],
  setupMs: 60_000,
  setupCheckExit: 0,
  ansibleSetupMs: 1_200_000,
  ansibleSetupCheckExit: 0,
  ...over,
});

describe('bench JSON row', () => {
  it("keeps issue #7's fields and adds issue #17's, from medians of the reps", () => {
    const row = computeRow(input());
    expect(row).toMatchObject({
      hypervisors: 400,
      checkMs: 26_000,
      floorMs: 36_000,
      sameScriptMs: 45_000,
      ansibleMs: 1_500_000,
      checkRssMb: 131,
      connectionsPerHost: 1,
      execsPerHost: 1,
      setupMs: 60_000,
      ansibleSetupMs: 1_200_000,
      floor25519Ms: 13_000,
      convergedApplyChanges: 0,
      setupCheckExit: 0,
      ansibleSetupCheckExit: 0,
    });
    expect(row.checkOverFloor).toBeCloseTo(26 / 36, 6);
    expect(row.checkOverSameScript).toBeCloseTo(26 / 45, 6);
    expect(row.ansibleOverCheck).toBeCloseTo(1500 / 26, 6);
    expect(row.applyOverCheck).toBeCloseTo(24 / 26, 6);
    expect(row.ansibleSetupOverSetup).toBeCloseTo(20, 6);
    expect(row.checkOverFloor25519).toBeCloseTo(2, 6);
  });

  it('has null Ansible ratios when Ansible did not run, and takes the worst host/rep for conn/exec/changes', () => {
    const row = computeRow(
      input({
        wall: { ...input().wall, C: [] },
        ansibleSetupMs: null,
        ansibleSetupCheckExit: null,
        execs: [1, 2, 1],
        convergedApplyChanges: [0, 3, 0],
      }),
    );
    expect(row.ansibleMs).toBeNull();
    expect(row.ansibleOverCheck).toBeNull();
    expect(row.ansibleSetupOverSetup).toBeNull();
    expect(row.execsPerHost).toBe(2);
    expect(row.convergedApplyChanges).toBe(3);
  });
});

describe('bench targets', () => {
  const verdict = (row: ReturnType<typeof computeRow>, name: string) => targetChecks(row).find((t) => t.name.startsWith(name))!;

  it('meets every target on a row inside all of them; B25519 is an aim, reported either way', () => {
    const row = computeRow(input());
    expect(allTargetsMet(row)).toBe(true);
    expect(verdict(row, 'A / B25519')).toMatchObject({ kind: 'aim', ok: false, value: '2.00' });
  });

  it('misses each target at its own threshold', () => {
    const cases: [Partial<RowInput>, string][] = [
      [{ wall: { ...input().wall, B: [20_000] } }, 'A / B (check vs ssh true)'],
      [{ wall: { ...input().wall, C: [500_000] } }, 'C / A'],
      [{ ansibleSetupMs: 540_000 }, 'Ansible setup / tool setup'],
      [{ probeCpuMsPerHost: 50.5 }, 'probe CPU'],
      [{ checkRssMb: [151] }, 'peak RSS'],
      [{ connections: [1, 2] }, 'connections / execs'],
      [{ convergedApplyChanges: [1] }, 'apply on the converged fleet'],
      [{ setupCheckExit: 1 }, 'check exit after tool setup'],
      [{ ansibleSetupCheckExit: 1 }, 'check exit after Ansible setup'],
    ];
    for (const [over, name] of cases) {
      const row = computeRow(input(over));
      expect(verdict(row, name).ok, name).toBe(false);
      expect(allTargetsMet(row), name).toBe(false);
    }
  });

  it('holds at the exact thresholds (ratios inclusive)', () => {
    const row = computeRow(
      input({
        wall: { ...input().wall, A: [36_000], C: [900_000], B25519: [24_000] },
        ansibleSetupMs: 600_000,
        probeCpuMsPerHost: 50,
        checkRssMb: [150],
      }),
    );
    expect(row.checkOverFloor).toBe(1);
    expect(row.ansibleOverCheck).toBe(25);
    expect(row.ansibleSetupOverSetup).toBe(10);
    expect(row.checkOverFloor25519).toBe(1.5);
    expect(row.checkOverSameScript).toBe(0.8);
    expect(targetChecks(row).filter((t) => t.ok === false)).toEqual([]);
  });

  it('leaves unmeasured targets open (n/a), not failed', () => {
    const row = computeRow(input({ wall: { ...input().wall, C: [] }, ansibleSetupMs: null, ansibleSetupCheckExit: null }));
    expect(verdict(row, 'C / A').ok).toBeNull();
    expect(verdict(row, 'Ansible setup').ok).toBeNull();
    expect(allTargetsMet(row)).toBe(true);
    const text = renderRow(row, {
      reps: 3,
      ansibleReps: 0,
      concurrency: 32,
      probeCpuWithoutStandIns: 30,
      probeCpuFirstAudit: 250,
      rss: { A: 131 },
      wall: { D: 24_000 },
    });
    expect(text).toMatch(/C \/ A \(Ansible audit vs check\)\s+n\/a\s+>= 25\s+n\/a/);
    expect(text).toMatch(/steady-state audit .*; first audit, QEMU asked: 250\.0 ms/);
    expect(text).toMatch(/A \/ B25519.*above aim/);
  });
});
