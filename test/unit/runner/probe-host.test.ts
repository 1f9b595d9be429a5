import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Probe } from '../../../src/check-api.js';
import { RemoteCommandError } from '../../../src/errors.js';
import { parseObservations, probeHost, PROBE_EXEC_COMMAND, type ProbeItem } from '../../../src/runner/probe-host.js';
import { parseProbeScript, STATUS_UNKNOWN_EXIT_CODE } from '../../../src/runner/probe-script.js';
import type { ExecOptions, ExecResult, Transport } from '../../../src/ssh/transport.js';
import { fakeTarget, FakeTransport } from '../../support/fake-transport.js';

/** Runs the probe script in this machine's real /bin/sh: what a host would do with it. */
class LocalShellTransport implements Transport {
  readonly target = fakeTarget({ name: 'local' });
  readonly stats = { connections: 1, execs: 0 };
  readonly scripts: string[] = [];

  async exec(command: string, options?: ExecOptions): Promise<ExecResult> {
    this.stats.execs += 1;
    expect(command).toBe(PROBE_EXEC_COMMAND);
    const script = options?.stdin?.toString() ?? '';
    this.scripts.push(script);
    const r = spawnSync('sh', ['-s'], { input: script });
    return { exitCode: r.status, stdout: r.stdout.toString('utf8'), stdoutRaw: r.stdout, stderr: r.stderr.toString('utf8'), durationMs: 1 };
  }

  sftp(): never {
    throw new Error('no sftp');
  }

  async close(): Promise<void> {}
}

const text = (sh: string, seen?: string[]): Probe<Record<string, unknown>>[string] => ({
  run: { sh },
  parse: (stdout, code) => (seen?.push(`${code}:${stdout}`), { stdout, code }),
});

describe('probeHost: identical commands', () => {
  it('runs an identical command of two checks once and hands both the same output', async () => {
    const items: ProbeItem[] = [
      { id: 'host-check', probe: { where: text("printf 'src\\n'"), other: text('echo other') } },
      { id: 'cross-check', probe: { mount: text("printf 'src\\n'") } },
    ];
    const transport = new LocalShellTransport();
    const result = await probeHost(transport, items, { withFacts: false });
    expect(transport.stats.execs).toBe(1);
    expect(parseProbeScript(transport.scripts[0]!, { distinct: true }).map((c) => c.command)).toEqual(["printf 'src\\n'", 'echo other']);
    expect([...result.raw.keys()].sort()).toEqual(['cross-check/mount', 'host-check/other', 'host-check/where']);
    expect(result.observations.get('host-check')).toEqual({
      ok: true,
      observed: { where: { stdout: 'src\n', code: 0 }, other: { stdout: 'other\n', code: 0 } },
    });
    expect(result.observations.get('cross-check')).toEqual({ ok: true, observed: { mount: { stdout: 'src\n', code: 0 } } });
  });

  it('still answers both keys through the fake transport (fakes answer every key)', async () => {
    const transport = new FakeTransport(fakeTarget()).answer('findmnt /x', { stdout: 'nfs:/x\n' });
    const items: ProbeItem[] = [
      { id: 'a', probe: { where: text('findmnt /x') } },
      { id: 'b', probe: { mount: text('findmnt /x') } },
    ];
    const result = await probeHost(transport, items, { withFacts: false });
    expect(transport.calls[0]!.stdin!.match(/^__of_run /gm)).toHaveLength(1);
    expect(result.observations.get('a')).toEqual({ ok: true, observed: { where: { stdout: 'nfs:/x\n', code: 0 } } });
    expect(result.observations.get('b')).toEqual({ ok: true, observed: { mount: { stdout: 'nfs:/x\n', code: 0 } } });
  });
});

describe('probeHost: a command that loses its exit status', () => {
  it('fails that check alone with a distinct error; its parser never sees a made-up status', async () => {
    const seen: string[] = [];
    const items: ProbeItem[] = [
      // `exec` spelled so that no static match can see it: the substitution shell is replaced, no marker.
      { id: 'sneaky', probe: { out: text('e=ex; "${e}ec" printf \'looks like x0\'', seen) } },
      { id: 'fine', probe: { out: text('echo fine; exit 3') } },
    ];
    const result = await probeHost(new LocalShellTransport(), items, { withFacts: false });
    expect(seen).toEqual([]);
    expect(result.raw.get('sneaky/out')).toEqual({ stdout: 'looks like x0', exitCode: STATUS_UNKNOWN_EXIT_CODE, statusUnknown: true });
    const sneaky = result.observations.get('sneaky')!;
    expect(sneaky.ok).toBe(false);
    expect(!sneaky.ok && sneaky.error).toBeInstanceOf(RemoteCommandError);
    expect(!sneaky.ok && sneaky.error.message).toBe(
      "local: `probe sneaky/out` ended without an exit status: the command exec'd, redirected the probe shell's stdout or replaced its EXIT trap",
    );
    expect(result.observations.get('fine')).toEqual({ ok: true, observed: { out: { stdout: 'fine\n', code: 3 } } });
  });

  it('keeps the status of a plain `exec` (two-fork form)', async () => {
    const items: ProbeItem[] = [{ id: 'execs', probe: { out: text('exec sh -c "echo hi; exit 5"') } }];
    const result = await probeHost(new LocalShellTransport(), items, { withFacts: false });
    expect(result.observations.get('execs')).toEqual({ ok: true, observed: { out: { stdout: 'hi\n', code: 5 } } });
  });

  it('parseObservations turns statusUnknown into the error even without a host name', () => {
    const items: ProbeItem[] = [{ id: 'c', probe: { p: text('x') } }];
    const obs = parseObservations(
      items,
      new Map([['c/p', { stdout: '', exitCode: STATUS_UNKNOWN_EXIT_CODE, statusUnknown: true as const }]]),
    );
    expect(obs.get('c')).toMatchObject({ ok: false });
  });
});
