/**
 * Issue #16 "must show", on real lab hosts: a stock fleet of 20 hypervisors prints a human `check` at most 5
 * lines longer than the same fleet cut to 2 (the 4-host lab) or 4 hypervisors, `-v` still lists every check;
 * the drift history names a hand-made fix ("fixed since last run"); the prometheus output of the real run passes
 * `promtool check metrics`.
 *
 * The 20 hypervisors are a startGroup (addresses reserved machine-wide, so no other developer's lab collides);
 * odd ones are stock hv1, even ones stock hv2 (SELinux enforcing, virt_use_nfs off), as `lab up --hypervisors`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { RunReport } from '../../src/result/model.js';
import { sshRoot, startGroup, type LabGroup } from '../lab/api.js';
import { runCli, runJson } from '../support/run-cli.js';

const HYPERVISORS = 20;
let group: LabGroup;
let dir: string;

/** The group's config with only the first `n` hypervisors: the same fleet, smaller. */
function configWith(n: number): string {
  const config = parse(readFileSync(group.configPath, 'utf8')) as { hypervisors: unknown[] };
  const path = join(dir, `hv${n}.yaml`);
  writeFileSync(path, stringify({ ...config, hypervisors: config.hypervisors.slice(0, n) }));
  return path;
}

const lines = (text: string) => text.trimEnd().split('\n').length;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ovirt-floppy-fleet-'));
  group = await startGroup({
    manager: true,
    hypervisors: Array.from({ length: HYPERVISORS }, (_, i) => (i % 2 === 0 ? {} : { selinux: 'enforcing' as const, virtUseNfs: false })),
    sftp: true,
  });
});
afterAll(async () => {
  await group?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe(`stock fleet of ${HYPERVISORS} hypervisors: the human report stays short`, () => {
  it('check prints at most 5 lines more than with 2 or 4 hypervisors; -v lists every check of every host', async () => {
    const full = await runCli(['check', '-c', group.configPath, '--no-state']);
    expect(full.code).toBe(1);
    const small = await runCli(['check', '-c', configWith(2), '--no-state']);
    const four = await runCli(['check', '-c', configWith(4), '--no-state']);
    expect(small.code).toBe(1);
    console.log(
      `human check: ${lines(small.stdout)} lines with 2 hypervisors, ${lines(four.stdout)} with 4, ${lines(full.stdout)} with ${HYPERVISORS}`,
    );
    expect(lines(full.stdout) - lines(small.stdout)).toBeLessThanOrEqual(5);
    expect(lines(full.stdout) - lines(four.stdout)).toBeLessThanOrEqual(5);
    const hvs = `${group.id}-hv1–${group.id}-hv${HYPERVISORS} (${HYPERVISORS} hosts: hypervisor)`;
    expect(full.stdout).toContain(`${hvs}\n  ✖ drift    hypervisor-hook-package`);
    expect(full.stdout.match(/hook-package-missing/g)).toHaveLength(1);

    const verbose = await runCli(['check', '-c', group.configPath, '--no-state', '-v']);
    const { report } = await runJson(['check', '-c', group.configPath, '--no-state']);
    expect(report.hosts).toHaveLength(HYPERVISORS + 2);
    for (const host of report.hosts) {
      const block = verbose.stdout.split(`\n${host.name} (${host.role}, ${host.address})\n`)[1]?.split('\n\n')[0] ?? '';
      for (const check of host.checks)
        expect(block, `${host.name} ${check.id}`).toMatch(
          new RegExp(`^ {2}\\S+ ${check.status === 'drift' ? '(drift|warn)' : check.status} +${check.id} `, 'm'),
        );
    }
    console.log(`human check -v: ${lines(verbose.stdout)} lines with ${HYPERVISORS} hypervisors`);
  });

  it('the prometheus output of the real run passes promtool check metrics', async () => {
    // An image left behind two days ago (by the sftp host's clock): its age is the payload-age metric.
    const sftp = group.sftp!.address;
    const planted = await sshRoot(sftp, "mkdir /exports/iso/floppy && touch -d '2 days ago' /exports/iso/floppy/left-behind.vfd");
    expect(planted.code, planted.stderr).toBe(0);
    let r;
    try {
      r = await runCli(['check', '-c', group.configPath, '--no-state', '--format', 'prometheus']);
    } finally {
      await sshRoot(sftp, 'rm -r /exports/iso/floppy');
    }
    expect(r.stdout).toMatch(/^ovirt_floppy_findings\{host="[^"]+-hv1",check="hypervisor-hook-package",severity="error"\} 1$/m);
    expect(r.stdout).toMatch(/^ovirt_floppy_findings\{host="[^"]+-sftp",check="sftp-stale-images",severity="warn"\} 1$/m);
    const age = Number(/^ovirt_floppy_oldest_payload_age_seconds\{host="[^"]+-sftp"\} (\d+)$/m.exec(r.stdout)?.[1]);
    expect(age).toBeGreaterThanOrEqual(2 * 86400);
    expect(age).toBeLessThan(2 * 86400 + 600);
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: r.stdout, encoding: 'utf8' });
    expect(lint.error).toBeUndefined();
    expect(`${lint.stdout}${lint.stderr}`).toBe('');
    expect(lint.status).toBe(0);
  });
});

describe('drift history: a fix by hand shows up as "fixed since last run"', () => {
  it('check --state F, install the hook package on one hypervisor, check --state F again', async () => {
    const state = join(dir, 'F.state.json');
    const first = await runCli(['check', '-c', group.configPath, '--state', state]);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('first run with this state file');
    const hv = group.hypervisors[0]!;
    const fix = await sshRoot(hv.address, 'dnf install -y vdsm-hook-floppy');
    expect(fix.code, fix.stderr).toBe(0);
    const human = join(dir, 'F-human.state.json');
    copyFileSync(state, human);

    const { report } = await runJson(['check', '-c', group.configPath, '--state', state]);
    const since = (report as RunReport).sinceLastRun!;
    expect(since.fixed).toContainEqual({ host: hv.name, check: 'hypervisor-hook-package', since: expect.any(String) });
    expect(since.fixed.every((e) => e.host === hv.name)).toBe(true);
    expect(since.new).toEqual([]);
    expect(since.persisting.some((e) => e.check === 'hypervisor-hook-package' && e.host === group.hypervisors[1]!.name)).toBe(true);

    const text = (await runCli(['check', '-c', group.configPath, '--state', human])).stdout;
    expect(text).toContain(`fixed since last run: hypervisor-hook-package on ${hv.name} (failing since `);
  });
});
