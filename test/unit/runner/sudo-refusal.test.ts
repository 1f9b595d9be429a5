/**
 * Issue #13: a non-root login whose sudo wants a password is an error host with ONE message naming host, login
 * user, the command, sudo's first stderr line and the remedy; a `become: none` login makes every check that needs
 * root an error naming the user (never a quiet skip). Classification alone, then through the real runner with
 * the fake transport (the probe exec answered as sudo answers it).
 */
import { describe, expect, it } from 'vitest';
import { defineCheck, type Registry } from '../../../src/check-api.js';
import type { Config, HostTarget } from '../../../src/config/types.js';
import { ParseError, SudoRefusedError } from '../../../src/errors.js';
import { exitCodeFor, nagiosStateFor } from '../../../src/result/exit-code.js';
import { FACT_COMMANDS, HOST_FACTS_KEY } from '../../../src/runner/host-facts.js';
import { run } from '../../../src/runner/run.js';
import { sudoRefusal } from '../../../src/runner/sudo-refusal.js';
import type { Connector, ExecOptions, ExecResult } from '../../../src/ssh/transport.js';
import { labConfig } from '../../support/check-harness.js';
import { answerFacts, loadFactsFixture } from '../../support/fact-answers.js';
import { FakeTransport } from '../../support/fake-transport.js';

const OPS = { name: 'hv1', user: 'ops', become: 'sudo' as const };
const failed = (stderr: string, exitCode = 1) => ({ exitCode, stdout: '', stderr });
const REMEDY = 'give ops passwordless sudo (NOPASSWD) for the commands, or log in as root';

describe('sudoRefusal: which failures are sudo refusing', () => {
  it('a password is required: one message with host, user, the sudo -n command, sudo’s line and the remedy', () => {
    const e = sudoRefusal(OPS, 'sh -s', failed('sudo: a password is required\n'));
    expect(e).toBeInstanceOf(SudoRefusedError);
    expect(e!.message).toBe(
      `hv1: the login user ops cannot become root: \`sudo -n sh -c 'sh -s'\` exit 1: sudo: a password is required; ${REMEDY}`,
    );
    expect(e!.exitCode).toBe(3);
  });

  it('a rule for other commands only, and sudo missing (exit 127, with "install sudo")', () => {
    const sorry = "Sorry, user ops is not allowed to execute '/usr/bin/sh -c sh -s' as root on hv1.";
    expect(sudoRefusal(OPS, 'sh -s', failed(`${sorry}\n`))!.message).toContain(`exit 1: ${sorry}; ${REMEDY}`);
    expect(sudoRefusal(OPS, 'sh -s', failed('sh: 1: sudo: not found\n', 127))!.message).toContain(
      `exit 127: sh: 1: sudo: not found; install sudo and ${REMEDY}`,
    );
  });

  it('not sudo: root login, become none, success, a script that started (stdout), stderr of the script', () => {
    const line = failed('sudo: a password is required\n');
    expect(sudoRefusal({ ...OPS, user: 'root' }, 'sh -s', line)).toBeUndefined();
    expect(sudoRefusal({ ...OPS, become: 'none' }, 'sh -s', line)).toBeUndefined();
    expect(sudoRefusal(OPS, 'sh -s', { ...line, exitCode: 0 })).toBeUndefined();
    expect(sudoRefusal(OPS, 'sh -s', { ...line, stdout: 'hostname=hv1\n' })).toBeUndefined();
    expect(sudoRefusal(OPS, 'sh -s', { ...line, stdoutRaw: Buffer.from('x') })).toBeUndefined();
    expect(sudoRefusal(OPS, 'sh -s', failed('sh: 3: Syntax error: end of file unexpected\n', 2))).toBeUndefined();
    expect(sudoRefusal(OPS, 'sh -s', failed('bash: sudox: not found\n', 127))).toBeUndefined();
    expect(sudoRefusal(OPS, 'sh -s', failed(''))).toBeUndefined();
  });
});

/** A FakeTransport whose probe exec is answered as sudo -n answers a user without NOPASSWD. */
class SudoWantsPassword extends FakeTransport {
  override async exec(command: string, options?: ExecOptions): Promise<ExecResult> {
    if (command === 'sh -s' && options?.privileged) {
      this.stats.execs += 1;
      this.calls.push({ command, privileged: true });
      return { exitCode: 1, stdout: '', stderr: 'sudo: a password is required\n', durationMs: 1 };
    }
    return super.exec(command, options);
  }
}

const marker = (id: string, needsRoot?: boolean) =>
  defineCheck<{ present: { exists: boolean } }, Config>({
    id,
    title: `${id} exists`,
    roles: ['hypervisor', 'sftp', 'manager'],
    severity: 'error',
    ...(needsRoot === undefined ? {} : { needsRoot }),
    probe: () => ({
      present: {
        run: ['test', '-e', `/${id}`],
        parse: (_o, code) => {
          if (code > 1) throw new ParseError(id, `exit ${code}`);
          return { exists: code === 0 };
        },
      },
    }),
    compare: (o) => (o.present.exists ? [] : [{ code: 'missing', message: `/${id} is missing` }]),
    fix: () => [{ describe: `create /${id}`, run: { argv: ['touch', `/${id}`] } }],
  });

const registry: Registry<Config> = { checks: [marker('rooted'), marker('public', false)], crossHostChecks: [], handlers: [] };

function runWith(
  hv1: Partial<HostTarget> & { uid?: number },
  transportFor: (t: HostTarget) => FakeTransport,
  command: 'check' | 'apply' = 'check',
) {
  const { uid, ...settings } = hv1;
  const config = labConfig();
  config.hypervisors[0] = { ...config.hypervisors[0]!, ...settings };
  const connector: Connector = {
    async connect(target) {
      const t = answerFacts(transportFor(target));
      if (uid !== undefined && target.name === 'hv1') {
        // The facts as the login user sees them: its own uid instead of the fixture's 0.
        const facts = loadFactsFixture('debian12-machine')[HOST_FACTS_KEY]!;
        t.answer(FACT_COMMANDS[0]!.command, { stdout: facts.stdout.replace('\nuid=0\n', `\nuid=${uid}\n`), exitCode: 0 });
      }
      t.answer('test -e /rooted', { exitCode: 0 }).answer('test -e /public', { exitCode: 0 });
      return t;
    },
  };
  return run({ command, config, dryRun: false, flags: {}, acceptNewHostKeys: false, connector, registry });
}

describe('through the runner', () => {
  it('sudo wants a password: hv1 is an error host with the one message, the others finish; exit 3, Nagios CRITICAL', async () => {
    for (const command of ['check', 'apply'] as const) {
      const report = await runWith(
        { user: 'ops', become: 'sudo' },
        (t) => (t.name === 'hv1' ? new SudoWantsPassword(t) : new FakeTransport(t)),
        command,
      );
      const hv1 = report.hosts.find((h) => h.name === 'hv1')!;
      const message = `hv1: the login user ops cannot become root: \`sudo -n sh -c 'sh -s'\` exit 1: sudo: a password is required; ${REMEDY}`;
      expect(hv1).toMatchObject({ reachable: true, error: message });
      expect(hv1.checks.map((c) => [c.id, c.status, c.reason])).toEqual([
        ['rooted', 'error', message],
        ['public', 'error', message],
      ]);
      expect(hv1.stats.execs).toBe(1);
      for (const h of report.hosts.filter((x) => x.name !== 'hv1')) expect(h.checks.map((c) => c.status)).toEqual(['ok', 'ok']);
      expect(exitCodeFor(report)).toBe(3);
      expect(nagiosStateFor(report)).toBe('CRITICAL');
    }
  });

  it('become: none as a non-root user: a check that needs root is an error naming the user; one that does not is judged', async () => {
    const report = await runWith({ user: 'ops', become: 'none', uid: 1001 }, (t) => new FakeTransport(t));
    const hv1 = report.hosts.find((h) => h.name === 'hv1')!;
    expect(hv1.error).toBeUndefined();
    expect(hv1.checks.map((c) => [c.id, c.status])).toEqual([
      ['rooted', 'error'],
      ['public', 'ok'],
    ]);
    expect(hv1.checks[0]!.reason).toBe(
      'needs root: the probe ran as the login user ops (uid 1001; become: none), which cannot see what this check judges; ' +
        'log in as root, or use become: sudo with passwordless sudo (NOPASSWD)',
    );
    expect(hv1.checks[0]!.changes).toEqual([]);
    expect(exitCodeFor(report)).toBe(3);
  });
});
