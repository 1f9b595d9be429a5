// Drift history (issue #16 item 2): what is new, fixed and still failing since the last run; the state file
// (default path per config, atomic, corrupt → warning and replaced); `check --state/--no-state/--only-failed`.
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithHistory, failedLastTime } from '../../../src/history/since-last-run.js';
import { defaultStatePath, parseState } from '../../../src/history/state-file.js';
import { renderHuman } from '../../../src/report/human.js';
import { renderJunit } from '../../../src/report/junit.js';
import { renderNagios } from '../../../src/report/nagios.js';
import type { RunReport } from '../../../src/result/model.js';
import { check, finding, host, report } from '../report/sample-report.js';
import { runCli, tempCwd } from '../cli/harness.js';

const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-01-02T00:00:00.000Z';
const T3 = '2026-01-03T00:00:00.000Z';
const drift = (id: string) => check(id, 'drift', { findings: [finding('x')] });
const at = (r: RunReport, startedAt: string): RunReport => ({ ...r, startedAt });
const HOSTS = ['mgr', 'hv1', 'hv2', 'sftp'];

describe('compareWithHistory', () => {
  const run1 = at(
    report([
      host('hv1', 'hypervisor', [drift('hook'), check('selinux', 'ok')]),
      host('hv2', 'hypervisor', [drift('hook'), drift('mount')]),
    ]),
    T1,
  );
  const first = compareWithHistory(undefined, run1, '/etc/c.yaml', HOSTS);

  it('first run: everything failing is new, no lastRunAt', () => {
    expect(first.sinceLastRun).toEqual({
      new: [
        { host: 'hv1', check: 'hook', since: T1 },
        { host: 'hv2', check: 'hook', since: T1 },
        { host: 'hv2', check: 'mount', since: T1 },
      ],
      fixed: [],
      persisting: [],
    });
    expect(first.next.entries).toContainEqual({ host: 'hv1', check: 'selinux', status: 'passing', since: T1, last: 'ok' });
  });

  it('second run: fixed (with since when it failed), new, and persisting keep their first-seen time', () => {
    const run2 = at(
      report([
        host('hv1', 'hypervisor', [check('hook', 'ok'), drift('selinux')]),
        host('hv2', 'hypervisor', [drift('hook'), drift('mount')]),
      ]),
      T2,
    );
    const second = compareWithHistory(first.next, run2, '/etc/c.yaml', HOSTS);
    expect(second.sinceLastRun).toEqual({
      lastRunAt: T1,
      new: [{ host: 'hv1', check: 'selinux', since: T2 }],
      fixed: [{ host: 'hv1', check: 'hook', since: T1 }],
      persisting: [
        { host: 'hv2', check: 'hook', since: T1 },
        { host: 'hv2', check: 'mount', since: T1 },
      ],
    });
    // A run that did not look at hv2 (--only hv1) neither fixes nor forgets it; a removed host is forgotten.
    const run3 = at(
      report([host('hv1', 'hypervisor', [check('hook', 'ok'), check('selinux', 'skipped', { reason: 'needs x (drift)' })])]),
      T3,
    );
    const third = compareWithHistory(second.next, run3, '/etc/c.yaml', ['hv1', 'hv2']);
    expect(third.sinceLastRun).toEqual({ lastRunAt: T2, new: [], fixed: [], persisting: [] });
    expect(failedLastTime(third.next)).toEqual(
      new Map([
        ['hv1', new Set(['selinux'])],
        ['hv2', new Set(['hook', 'mount'])],
      ]),
    );
    expect(compareWithHistory(second.next, run3, '/etc/c.yaml', ['hv1']).next.entries.some((e) => e.host === 'hv2')).toBe(false);
  });
});

describe('state file', () => {
  it('defaults to one file per config under $XDG_STATE_HOME/ovirt-floppy, else ~/.local/state', () => {
    const a = defaultStatePath('/etc/ovirt-floppy/prod.yaml', { XDG_STATE_HOME: '/var/lib/x', HOME: '/root' })!;
    expect(a).toMatch(/^\/var\/lib\/x\/ovirt-floppy\/prod\.yaml-[0-9a-f]{16}\.state\.json$/);
    expect(defaultStatePath('/etc/ovirt-floppy/staging.yaml', { XDG_STATE_HOME: '/var/lib/x' })).not.toBe(a.replace('prod', 'staging'));
    expect(defaultStatePath('/etc/c.yaml', { HOME: '/home/op' })).toMatch(/^\/home\/op\/\.local\/state\/ovirt-floppy\//);
    expect(defaultStatePath('/etc/c.yaml', { XDG_STATE_HOME: 'relative', HOME: '/home/op' })).toMatch(/^\/home\/op\/\.local\/state\//);
    expect(defaultStatePath('/etc/c.yaml', {})).toBeUndefined();
  });

  it('calls anything but a version-1 state corrupt, with the reason', () => {
    expect(parseState('{"version":1,"entries":[]')).toMatchObject({ kind: 'corrupt', why: expect.stringMatching(/^not JSON/) });
    expect(parseState('{"version":2,"entries":[]}')).toMatchObject({ kind: 'corrupt' });
    expect(parseState('{"version":1,"entries":[{"host":"a"}]}')).toMatchObject({ kind: 'corrupt' });
    expect(parseState('{"version":1,"config":"/c","updatedAt":"x","entries":[]}')).toEqual({
      kind: 'ok',
      state: { version: 1, config: '/c', updatedAt: 'x', entries: [] },
    });
  });
});

describe('every format says what changed since the last run', () => {
  const r: RunReport = {
    ...report([host('hv1', 'hypervisor', [check('hook', 'ok'), drift('selinux')]), host('hv2', 'hypervisor', [check('hook', 'ok')])]),
    sinceLastRun: {
      lastRunAt: T1,
      new: [{ host: 'hv1', check: 'selinux', since: T2 }],
      fixed: [
        { host: 'hv1', check: 'hook', since: T1 },
        { host: 'hv2', check: 'hook', since: T1 },
      ],
      persisting: [],
    },
  };
  it('human: a "Since last run" block, grouped across hosts', () => {
    const text = renderHuman(r);
    expect(text).toContain(
      `Since last run (${T1})\n  fixed since last run: hook on hv1, hv2 (2 hosts) (failing since ${T1})\n  new since last run: selinux on hv1\n`,
    );
  });
  it('nagios long output and junit system-out', () => {
    expect(renderNagios(r).text).toContain('\nfixed since last run: hook on hv1, hv2 (2 hosts)');
    expect(renderJunit(r)).toContain(`fixed since last run (failing since ${T1})`);
    expect(renderJunit(r)).toContain('new since last run');
  });
});

describe('check --state / --no-state / --only-failed', () => {
  const failing = () =>
    report([
      host('hv1', 'hypervisor', [drift('hook'), check('selinux', 'ok')]),
      host('hv2', 'hypervisor', [check('hook', 'ok'), check('selinux', 'ok')]),
    ]);
  const fixedNow = () =>
    report([
      host('hv1', 'hypervisor', [check('hook', 'ok'), check('selinux', 'ok')]),
      host('hv2', 'hypervisor', [check('hook', 'ok'), check('selinux', 'ok')]),
    ]);

  it('keeps the history per config under XDG_STATE_HOME and reports fixed on the next run', async () => {
    const cwd = await tempCwd();
    const env = { XDG_STATE_HOME: join(cwd, 'state') };
    await runCli(['check'], { cwd, env, run: async () => at(failing(), T1) });
    const [name] = await readdir(join(cwd, 'state', 'ovirt-floppy'));
    expect(name).toMatch(/^ovirt-floppy\.yaml-[0-9a-f]{16}\.state\.json$/);
    expect((await stat(join(cwd, 'state', 'ovirt-floppy', name!))).mode & 0o777).toBe(0o600);
    const r = await runCli(['check', '--format', 'json'], { cwd, env, run: async () => at(fixedNow(), T2) });
    expect(JSON.parse(r.stdout).sinceLastRun).toEqual({
      lastRunAt: T1,
      new: [],
      fixed: [{ host: 'hv1', check: 'hook', since: T1 }],
      persisting: [],
    });
  });

  it('--state FILE is used as given; --no-state writes nothing', async () => {
    const cwd = await tempCwd();
    await runCli(['check', '--state', 'h.json'], { cwd, run: async () => at(failing(), T1) });
    expect(JSON.parse(await readFile(join(cwd, 'h.json'), 'utf8')).entries).toHaveLength(4);
    const r = await runCli(['check', '--no-state', '--format', 'json'], {
      cwd,
      env: { XDG_STATE_HOME: join(cwd, 's') },
      run: async () => at(failing(), T2),
    });
    expect(JSON.parse(r.stdout).sinceLastRun).toBeUndefined();
    await expect(readdir(join(cwd, 's'))).rejects.toThrow();
  });

  it('a corrupt state file is a warning and is replaced; the audit still runs', async () => {
    const cwd = await tempCwd();
    await writeFile(join(cwd, 'h.json'), '{"version":1, garbage');
    const r = await runCli(['check', '--state', 'h.json'], { cwd, run: async () => at(failing(), T1) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^warning: state file .*h\.json is unusable \(not JSON/m);
    expect(parseState(await readFile(join(cwd, 'h.json'), 'utf8')).kind).toBe('ok');
  });

  it('an unwritable state directory is a warning, not a failed audit', async () => {
    const cwd = await tempCwd();
    await mkdir(join(cwd, 'ro'), { mode: 0o500 });
    const r = await runCli(['check', '--state', 'ro/sub/h.json'], { cwd, run: async () => at(fixedNow(), T1) });
    expect(r.code).toBe(0);
    if (process.getuid?.() !== 0) expect(r.stderr).toMatch(/^warning: cannot keep the drift history in /m);
  });

  it('--only-failed contacts only the hosts that failed and reports only their failed checks', async () => {
    const cwd = await tempCwd();
    await runCli(['check', '--state', 'h.json'], { cwd, run: async () => at(failing(), T1) });
    const r = await runCli(['check', '--state', 'h.json', '--only-failed', '--format', 'json'], {
      cwd,
      run: async () => at(fixedNow(), T2),
    });
    expect(r.runCalls[0]!.only).toEqual(['hv1']);
    const json = JSON.parse(r.stdout);
    expect(json.hosts.map((h: { name: string; checks: { id: string }[] }) => [h.name, h.checks.map((c) => c.id)])).toEqual([
      ['hv1', ['hook']],
      ['hv2', []],
    ]);
    expect(json.summary).toMatchObject({ ok: 1, drift: 0 });
    expect(json.sinceLastRun.fixed).toEqual([{ host: 'hv1', check: 'hook', since: T1 }]);
    // Nothing failed now: the next --only-failed checks everything, and says so.
    const again = await runCli(['check', '--state', 'h.json', '--only-failed'], { cwd, run: async () => at(fixedNow(), T3) });
    expect(again.runCalls[0]!.only).toBeUndefined();
    expect(again.stderr).toContain('nothing failed in the last run; checking everything');
  });
});
