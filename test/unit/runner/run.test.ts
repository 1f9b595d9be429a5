import { describe, expect, it } from 'vitest';
import { defineCheck, type Handler, type Registry } from '../../../src/check-api.js';
import type { Config, HostTarget } from '../../../src/config/types.js';
import { ConnectError, HostKeyError, ParseError } from '../../../src/errors.js';
import { exitCodeFor, nagiosStateFor } from '../../../src/result/exit-code.js';
import { run, type RunOptions } from '../../../src/runner/run.js';
import { ProbeMemoStore } from '../../../src/probe-memo/memo-store.js';
import type { Connector } from '../../../src/ssh/transport.js';
import { labConfig } from '../../support/check-harness.js';
import { answerFacts } from '../../support/fact-answers.js';
import { FakeTransport } from '../../support/fake-transport.js';

// A tiny world per host: which marker files exist. Checks probe `test -e`, fixes `touch`.
class World {
  files = new Set<string>();
  constructor(readonly transport: FakeTransport) {}
}

const markerCheck = (id: string, path: string, extra: { notify?: 'reload-sshd'; dependsOn?: string[]; fixPath?: string } = {}) =>
  defineCheck<{ present: { exists: boolean } }, Config>({
    id,
    title: `${path} exists`,
    roles: ['hypervisor', 'sftp', 'manager'],
    severity: 'error',
    dependsOn: extra.dependsOn,
    probe: () => ({
      present: {
        run: ['test', '-e', path],
        parse: (_stdout, code) => {
          if (code > 1) throw new ParseError(`${id} probe`, `exit ${code}`);
          return { exists: code === 0 };
        },
      },
    }),
    compare: (o) => (o.present.exists ? [] : [{ code: 'missing', message: `${path} is missing`, expected: 'present', actual: 'missing' }]),
    fix: () => [{ describe: `create ${path}`, run: { argv: ['touch', extra.fixPath ?? path] }, notify: extra.notify }],
  });

const reload: Handler<Config> = {
  name: 'reload-sshd',
  describe: 'reload sshd',
  plan: () => [{ describe: 'reload sshd', run: { argv: ['kill', '-HUP', '1'] } }],
};

function wire(world: World, paths: string[]): void {
  for (const path of paths) {
    world.transport.answer(`test -e ${path}`, () => ({ exitCode: world.files.has(path) ? 0 : 1 }));
    world.transport.answer(`touch ${path}`, () => (world.files.add(path), { exitCode: 0 }));
  }
  world.transport.answer('kill -HUP 1', { exitCode: 0 });
  answerFacts(world.transport);
}

function setup(registry: Registry, opts: { unreachable?: string[]; preset?: string[]; paths?: string[] } = {}) {
  const config = labConfig();
  const worlds = new Map<string, World>();
  let connects = 0;
  const connector: Connector = {
    async connect(target: HostTarget) {
      connects += 1;
      if (opts.unreachable?.includes(target.name)) {
        throw new HostKeyError(
          target.host,
          'ssh-ed25519',
          'SHA256:abcdefghijklmnop',
          'unknown',
          'not in known_hosts; run with --accept-new-host-keys to add it',
        );
      }
      const world = worlds.get(target.name) ?? new World(new FakeTransport(target));
      worlds.set(target.name, world);
      world.transport.stats.execs = 0;
      for (const p of opts.preset ?? []) world.files.add(p);
      wire(world, opts.paths ?? ['/a', '/b']);
      return world.transport;
    },
  };
  const options = (command: 'check' | 'apply', extra: Partial<RunOptions> = {}): RunOptions => ({
    command,
    config,
    dryRun: false,
    flags: {},
    acceptNewHostKeys: false,
    connector,
    registry,
    ...extra,
  });
  return { worlds, options, connects: () => connects };
}

const registry: Registry<Config> = {
  checks: [
    markerCheck('marker-a', '/a', { notify: 'reload-sshd' }),
    markerCheck('marker-b', '/b', { notify: 'reload-sshd', dependsOn: ['marker-a'] }),
  ],
  crossHostChecks: [],
  handlers: [reload],
};

describe('run: check', () => {
  it('opens one connection and runs one exec per host', async () => {
    const t = setup(registry);
    const report = await run(t.options('check'));
    expect(report.hosts.map((h) => h.name)).toEqual(['mgr', 'hv1', 'hv2', 'sftp']);
    for (const h of report.hosts) expect(h.stats).toEqual({ connections: 1, execs: 1 });
    expect(t.connects()).toBe(4);
    expect(exitCodeFor(report)).toBe(1);
  });

  it('plans a dependent check as if its fixable dependency were fixed, so the plan is complete', async () => {
    const report = await run(setup(registry).options('check'));
    const hv1 = report.hosts.find((h) => h.name === 'hv1')!;
    expect(hv1.checks.map((c) => [c.id, c.status])).toEqual([
      ['marker-a', 'drift'],
      ['marker-b', 'drift'],
    ]);
    expect(hv1.checks[0]!.changes).toEqual([{ describe: 'create /a', status: 'planned', notify: 'reload-sshd' }]);
    expect(hv1.checks[1]!.changes).toEqual([{ describe: 'create /b', status: 'planned', notify: 'reload-sshd' }]);
    expect(hv1.checks[1]!.reason).toBe('planned as if marker-a were fixed; re-checked after that');
  });

  it('skips a check whose dependency drifts without a fix', async () => {
    const manual = { ...markerCheck('marker-a', '/a'), fix: undefined };
    const report = await run({ ...setup(registry).options('check'), registry: { ...registry, checks: [manual, registry.checks[1]!] } });
    const hv1 = report.hosts.find((h) => h.name === 'hv1')!;
    expect(hv1.checks.map((c) => [c.id, c.status])).toEqual([
      ['marker-a', 'drift'],
      ['marker-b', 'skipped'],
    ]);
    expect(hv1.checks[1]!.reason).toBe('needs marker-a (drift)');
  });

  it('keeps checking the other hosts when one host key is refused, and exits 3', async () => {
    const report = await run(setup(registry, { unreachable: ['hv2'], preset: ['/a', '/b'] }).options('check'));
    const hv2 = report.hosts.find((h) => h.name === 'hv2')!;
    expect(hv2.reachable).toBe(false);
    expect(hv2.error).toContain('SHA256:abcdefghijklmnop');
    expect(hv2.error).toContain('127.0.1.12');
    expect(report.hosts.filter((h) => h.reachable).every((h) => h.checks.every((c) => c.status === 'ok'))).toBe(true);
    expect(exitCodeFor(report)).toBe(3);
  });

  it("turns a parser error into that check's error without hiding the others", async () => {
    const t = setup(registry, { preset: ['/a', '/b'], paths: ['/a', '/b', '/c'] });
    const report = await run({
      ...t.options('check'),
      connector: {
        async connect(target, o) {
          const transport = (await t.options('check').connector.connect(target, o)) as FakeTransport;
          return transport.answer('test -e /c', { exitCode: 2, stdout: 'test: too many arguments' });
        },
      },
      registry: { ...registry, checks: [...registry.checks, markerCheck('marker-c', '/c')] },
    });
    expect(report.hosts[0]!.checks.map((c) => c.status)).toEqual(['ok', 'ok', 'error']);
    expect(report.hosts[0]!.checks[2]!.reason).toContain('cannot parse marker-c probe');
  });

  it('errors every check of a host whose probe exec fails, and keeps the others', async () => {
    const t = setup(registry, { preset: ['/a', '/b'] });
    const report = await run({
      ...t.options('check'),
      // `/c` is never answered on hv1: the exec fails as a whole (as when sudo refuses or the script is cut).
      registry: { ...registry, checks: [...registry.checks, markerCheck('marker-c', '/c')] },
    });
    expect(report.hosts[0]!.checks.every((c) => c.status === 'error')).toBe(true);
    expect(report.hosts[0]!.checks[0]!.reason).toContain('test -e /c');
    expect(exitCodeFor(report)).toBe(3);
  });

  it('exits 0 when everything is ok', async () => {
    const report = await run(setup(registry, { preset: ['/a', '/b'] }).options('check'));
    expect(report.summary).toEqual({ ok: 8, drift: 0, fixed: 0, skipped: 0, error: 0 });
    expect(exitCodeFor(report)).toBe(0);
  });
});

describe('run: apply', () => {
  it('fixes in rounds (dependent check planned after its dependency), runs the handler once, then reports fixed', async () => {
    const t = setup(registry);
    const report = await run(t.options('apply'));
    const hv1 = report.hosts.find((h) => h.name === 'hv1')!;
    expect(hv1.checks.map((c) => [c.id, c.status])).toEqual([
      ['marker-a', 'fixed'],
      ['marker-b', 'fixed'],
    ]);
    expect(hv1.checks[0]!.changes.map((c) => c.status)).toEqual(['applied']);
    // Each step that ran carries its own wall time (the setup breakdown per step kind sums these).
    expect(hv1.checks.flatMap((c) => c.changes).map((c) => typeof c.durationMs)).toEqual(['number', 'number']);
    // Round 1: probe + touch /a + reload + re-probe; round 2: touch /b + reload + re-probe.
    expect(t.worlds.get('hv1')!.transport.calls.map((c) => c.command)).toEqual([
      'sh -s',
      'touch /a',
      'kill -HUP 1',
      'sh -s',
      'touch /b',
      'kill -HUP 1',
      'sh -s',
    ]);
    expect(hv1.handlers.map((h) => [h.name, h.status])).toEqual([
      ['reload-sshd', 'applied'],
      ['reload-sshd', 'applied'],
    ]);
    expect(exitCodeFor(report)).toBe(0);

    const again = await run(t.options('apply'));
    const hv1Again = again.hosts.find((h) => h.name === 'hv1')!;
    expect(hv1Again.checks.map((c) => c.status)).toEqual(['ok', 'ok']);
    expect(hv1Again.stats).toEqual({ connections: 1, execs: 1 });
    expect(hv1Again.handlers).toEqual([]);
  });

  it('reports "did not converge" as an error when a fix does not change what the probe sees', async () => {
    const t = setup({ ...registry, checks: [markerCheck('marker-a', '/a', { fixPath: '/b' })] });
    const report = await run(t.options('apply'));
    const hv1 = report.hosts.find((h) => h.name === 'hv1')!;
    expect(hv1.checks[0]!.status).toBe('error');
    expect(hv1.checks[0]!.reason).toBe('did not converge: /a is missing');
    // The same step is not re-run in later rounds.
    expect(t.worlds.get('hv1')!.transport.calls.filter((c) => c.command === 'touch /b')).toHaveLength(1);
    expect(exitCodeFor(report)).toBe(3);
  });

  it('changes nothing with --dry-run, and nothing when the confirmation is refused', async () => {
    const t = setup(registry);
    const dry = await run(t.options('apply', { dryRun: true }));
    expect(dry.dryRun).toBe(true);
    expect(dry.hosts.every((h) => h.checks[0]!.status === 'drift')).toBe(true);
    let asked = 0;
    const refused = await run(t.options('apply', { confirm: async (plan) => (asked++, expect(plan.dryRun).toBe(true), false) }));
    expect(asked).toBe(1);
    expect(refused.hosts.every((h) => h.checks[0]!.status === 'drift')).toBe(true);
    for (const w of t.worlds.values()) expect(w.transport.calls.every((c) => c.command === 'sh -s')).toBe(true);
  });

  it('records a failed step, does not run the rest of that host, and still finishes the other hosts', async () => {
    const t = setup(registry);
    const report = await run({
      ...t.options('apply'),
      connector: {
        async connect(target, o) {
          const transport = await t.options('check').connector.connect(target, o);
          if (target.name === 'hv2')
            (transport as FakeTransport).answer('touch /a', { exitCode: 1, stderr: 'touch: cannot touch /a: Read-only file system' });
          return transport;
        },
      },
    });
    const hv2 = report.hosts.find((h) => h.name === 'hv2')!;
    expect(hv2.checks[0]!.status).toBe('error');
    expect(hv2.checks[0]!.reason).toContain('Read-only file system');
    expect(report.hosts.find((h) => h.name === 'hv1')!.checks.map((c) => c.status)).toEqual(['fixed', 'fixed']);
  });
});

describe('run: a failed handler is a failed run', () => {
  it('the check whose change notified it is an error naming host, handler command and stderr; exit 3, Nagios CRITICAL', async () => {
    const t = setup({ ...registry, checks: [markerCheck('marker-a', '/a', { notify: 'reload-sshd' })] });
    const report = await run({
      ...t.options('apply'),
      connector: {
        async connect(target, o) {
          const transport = await t.options('check').connector.connect(target, o);
          if (target.name === 'sftp')
            (transport as FakeTransport).answer('kill -HUP 1', {
              exitCode: 1,
              stderr: 'Job for ssh.service failed because the control process exited with error code.\nSee journalctl',
            });
          return transport;
        },
      },
    });
    const sftp = report.hosts.find((h) => h.name === 'sftp')!;
    expect(sftp.handlers.map((h) => [h.name, h.status])).toEqual([['reload-sshd', 'failed']]);
    expect(sftp.checks[0]!.status).toBe('error');
    expect(sftp.checks[0]!.reason).toMatch(/reload-sshd handler failed.*sftp: `reload sshd` exit 1/);
    expect(sftp.checks[0]!.changes.map((c) => c.status)).toEqual(['applied']);
    // The other hosts finished.
    expect(report.hosts.filter((h) => h.name !== 'sftp').every((h) => h.checks[0]!.status === 'fixed')).toBe(true);
    expect(exitCodeFor(report)).toBe(3);
    expect(nagiosStateFor(report)).toBe('CRITICAL');
  });
});

describe('run: the connection drops mid-apply', () => {
  it('keeps the records of the changes already made on that host, errors its checks, finishes the others', async () => {
    const t = setup({ ...registry, checks: [markerCheck('marker-a', '/a'), markerCheck('marker-b', '/b')] });
    const report = await run({
      ...t.options('apply'),
      connector: {
        async connect(target, o) {
          const transport = (await t.options('check').connector.connect(target, o)) as FakeTransport;
          if (target.name === 'hv2') {
            let touched = false;
            let dropped = false;
            const gone = () => new ConnectError('hv2', 'protocol', 'the connection was closed');
            transport.answer('touch /a', () => ((touched = true), { exitCode: 0 }));
            transport.answer('touch /b', () => {
              dropped = true;
              throw gone();
            });
            // The re-probe after the round cannot run either: the connection is gone.
            transport.answer('test -e /a', () => {
              if (dropped) throw gone();
              return { exitCode: touched ? 0 : 1 };
            });
          }
          return transport;
        },
      },
    });
    const hv2 = report.hosts.find((h) => h.name === 'hv2')!;
    expect(hv2.checks.map((c) => c.status)).toEqual(['error', 'error']);
    expect(hv2.checks[0]!.changes.map((c) => [c.describe, c.status])).toEqual([['create /a', 'applied']]);
    expect(hv2.checks[1]!.changes.map((c) => [c.describe, c.status])).toEqual([['create /b', 'failed']]);
    expect(hv2.checks[1]!.reason ?? hv2.error).toContain('the connection was closed');
    expect(report.hosts.find((h) => h.name === 'hv1')!.checks.map((c) => c.status)).toEqual(['fixed', 'fixed']);
    expect(exitCodeFor(report)).toBe(3);
  });
});

describe('run: Ctrl-C during apply', () => {
  it('finishes the step in progress, starts no other, reports what changed, exits 3', async () => {
    const t = setup({ ...registry, checks: [markerCheck('marker-a', '/a'), markerCheck('marker-b', '/b')] }, {});
    const interrupt = new AbortController();
    const report = await run({
      ...t.options('apply', { signal: interrupt.signal }),
      config: { ...labConfig(), ssh: { ...labConfig().ssh, concurrency: 1 } },
      connector: {
        async connect(target, o) {
          const transport = (await t.options('check').connector.connect(target, o)) as FakeTransport;
          const touch = transport.answers.get('touch /a')!;
          // The first host's first step is in progress when SIGINT arrives.
          if (target.name === 'mgr')
            transport.answer('touch /a', (x) => (interrupt.abort(), typeof touch === 'function' ? touch(x) : touch));
          return transport;
        },
      },
    });
    const first = report.hosts[0]!;
    expect(first.checks[0]!.changes.map((c) => c.status)).toEqual(['applied']);
    expect(first.checks[1]!).toMatchObject({ status: 'error', reason: 'interrupted (SIGINT) before this step: not run' });
    expect(first.checks[1]!.changes.map((c) => c.status)).toEqual(['not-run']);
    for (const other of report.hosts.slice(1)) {
      expect(other.checks.map((c) => c.status)).toEqual(['error', 'error']);
      expect(other.checks[0]!.reason).toContain('nothing was changed');
    }
    for (const w of [...t.worlds.values()].slice(1)) expect(w.transport.calls.filter((c) => c.command.startsWith('touch'))).toEqual([]);
    expect(exitCodeFor(report)).toBe(3);
  });
});

describe('run: connect errors are values', () => {
  it('classifies an unreachable host without throwing', async () => {
    const t = setup(registry);
    const report = await run({
      ...t.options('check'),
      connector: {
        connect: async (target) => {
          throw new ConnectError(target.host, 'refused', 'connect ECONNREFUSED');
        },
      },
    });
    expect(report.hosts.every((h) => !h.reachable && h.error?.includes('refused'))).toBe(true);
    expect(exitCodeFor(report)).toBe(3);
  });
});

describe('run: connections of check and apply --dry-run', () => {
  // A fleet larger than the concurrency; every transport counts its closes and the run tracks how many are open.
  async function audit(command: 'check' | 'apply', dryRun: boolean, concurrency: number, preset = ['/a']) {
    const t = setup(registry, { preset });
    const base = t.options(command, { dryRun });
    const config = { ...base.config, ssh: { ...base.config.ssh, concurrency } };
    config.hypervisors = Array.from({ length: 9 }, (_, i) => ({ host: `127.0.1.${30 + i}`, name: `hv${i + 1}` }));
    let open = 0;
    let maxOpen = 0;
    const closes = new Map<string, number>();
    const connector: Connector = {
      async connect(target, o) {
        const transport = (await base.connector.connect(target, o)) as FakeTransport;
        open += 1;
        maxOpen = Math.max(maxOpen, open);
        const exec = transport.exec.bind(transport);
        // Give every probe a turn of the event loop, so that all pool slots are busy at once.
        transport.exec = async (...args) => (await new Promise((r) => setTimeout(r, 2)), exec(...args));
        transport.close = async () => {
          closes.set(target.name, (closes.get(target.name) ?? 0) + 1);
          if (closes.get(target.name) === 1) open -= 1;
        };
        return transport;
      },
    };
    const finished: string[] = [];
    const report = await run({
      ...base,
      config,
      connector,
      progress: { hostStarted: () => undefined, hostStage: () => undefined, hostFinished: (h) => finished.push(h.name) },
    });
    return { report, maxOpen, closes, finished, worlds: t.worlds };
  }

  it.each([
    ['check', false],
    ['apply', true],
  ] as const)('%s (dry-run %s): at most `concurrency` transports open at once, each closed exactly once', async (command, dryRun) => {
    const { report, maxOpen, closes, finished } = await audit(command, dryRun, 3);
    expect(report.hosts).toHaveLength(11);
    expect(maxOpen).toBeGreaterThan(1);
    expect(maxOpen).toBeLessThanOrEqual(3);
    expect([...closes.keys()].sort()).toEqual(report.hosts.map((h) => h.name).sort());
    expect([...closes.values()].every((n) => n === 1)).toBe(true);
    // The report is complete after the early close: reachability, stats and every result.
    for (const h of report.hosts) {
      expect(h.reachable).toBe(true);
      expect(h.stats).toEqual({ connections: 1, execs: 1 });
      expect(h.checks.map((c) => c.status)).toEqual(['ok', 'drift']);
    }
    expect(finished).toHaveLength(11);
  });

  it('apply (not dry-run) keeps the connections until the changes are done, then closes each once', async () => {
    const { report, closes, worlds } = await audit('apply', false, 3);
    expect(report.hosts.every((h) => h.checks.map((c) => c.status).join() === 'ok,fixed')).toBe(true);
    expect(worlds.get('hv1')!.transport.calls.map((c) => c.command)).toEqual(['sh -s', 'touch /b', 'kill -HUP 1', 'sh -s']);
    expect([...closes.values()]).toEqual(Array(11).fill(1));
  });

  it('apply on a converged fleet closes each host after its probe, like check (nothing planned, no drift)', async () => {
    const { report, maxOpen, closes, worlds } = await audit('apply', false, 3, ['/a', '/b']);
    expect(report.hosts.every((h) => h.checks.map((c) => c.status).join() === 'ok,ok')).toBe(true);
    expect(maxOpen).toBeLessThanOrEqual(3);
    expect([...closes.values()]).toEqual(Array(11).fill(1));
    expect(worlds.get('hv1')!.transport.calls.map((c) => c.command)).toEqual(['sh -s']);
  });
});

describe('run: the probe memo (Check.remember → ProbeContext.memo)', () => {
  // A check that remembers what it saw and asks with what it remembered: the command shows the memo reached the probe.
  const seen: Array<string | undefined> = [];
  const remembering = defineCheck<{ v: string }, Config>({
    id: 'remembering',
    title: 'remembers',
    roles: ['hypervisor'],
    severity: 'error',
    probe: ({ memo }) => {
      seen.push(memo?.get('k'));
      return { v: { run: ['echo', memo?.get('k') ?? 'none'], parse: (stdout) => stdout.trim() } };
    },
    remember: (o) => ({ k: `kept-${o.v}` }),
    compare: () => [],
  });
  const memoRegistry: Registry<Config> = { checks: [remembering], crossHostChecks: [], handlers: [] };

  it('a second run gives each probe what the first kept for that host; without a memo nothing is kept', async () => {
    const { worlds, options } = setup(memoRegistry);
    const answerEcho = () => {
      for (const w of worlds.values()) {
        w.transport.answer('echo none', { exitCode: 0, stdout: 'none\n' });
        w.transport.answer('echo kept-none', { exitCode: 0, stdout: 'kept-none\n' });
      }
    };
    // The fake world exists after the first connect; answer the echo commands before any probe runs.
    const connector = options('check').connector;
    const wrapped: Connector = {
      connect: async (t, o) => {
        const tr = await connector.connect(t, o);
        answerEcho();
        return tr;
      },
    };
    const store = new ProbeMemoStore();
    seen.length = 0;
    await run(options('check', { connector: wrapped, probeMemo: store }));
    expect(store.get('hv1@127.0.1.11', 'k')).toBe('kept-none');
    expect(seen.filter((s) => s !== undefined)).toEqual([]);
    seen.length = 0;
    await run(options('check', { connector: wrapped, probeMemo: store }));
    expect(seen).toEqual(['kept-none', 'kept-none']);
    expect(store.get('hv2@127.0.1.12', 'k')).toBe('kept-kept-none');
    seen.length = 0;
    await run(options('check', { connector: wrapped }));
    expect(seen).toEqual([undefined, undefined]);
  });
});
