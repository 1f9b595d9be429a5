/**
 * manager-engine-restart-pending without engineApi (issue #13): the restart-pending marker that the property write
 * leaves, compared with the start of the engine service's main process on the boot clock. The fake transport gives
 * the probe's output; the last case runs the real write and probe scripts with /bin/sh against this machine's /proc.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import check from '../../../checks/manager-engine-restart-pending.js';
import { MARKER_PATH, parseRestartMarker, restartMarkerCommand, writeRestartMarker } from '../../../checks/lib/engine-restart-marker.js';
import type { Check } from '../../../src/check-api.js';
import type { Config } from '../../../src/config/types.js';
import { ParseError } from '../../../src/errors.js';
import { evaluateCheck } from '../../../src/runner/evaluate.js';
import type { CheckResult } from '../../../src/result/model.js';
import { commandOf, makeContext, probeWithFake } from '../../support/check-harness.js';

const ctx = makeContext({ host: { name: 'mgr', role: 'manager', address: '127.0.1.10' } });
const BOOT = '0d3c2b1a-1111-4222-8333-944455556666';
// The change at uptime 5000.25 s (epoch 1796000000); now uptime 6000.5 s at epoch 1796001000.
const marker = (engineTicks: string | undefined, bootId = BOOT): string =>
  [
    'marker_changed_at=1796000000',
    `marker_boot_id=${bootId}`,
    'marker_uptime=5000.25',
    'now=1796001000',
    `boot_id=${BOOT}`,
    'uptime=6000.50',
    `engine_pid=${engineTicks === undefined ? '0' : '4242'}`,
    ...(engineTicks === undefined ? [] : [`engine_start_ticks=${engineTicks}`]),
    'clk_tck=100',
    '',
  ].join('\n');
const observe = (stdout: string) => probeWithFake(check, ctx, { marker: { stdout, exitCode: 0 } });
const ok = (): Map<string, CheckResult> =>
  new Map(['manager-floppy-property', 'manager-engine-healthy'].map((id) => [id, { status: 'ok' } as CheckResult]));

describe('manager-engine-restart-pending without engineApi', () => {
  it('probes the marker (and the engine service named in the config) only without engineApi', () => {
    expect(commandOf(check.probe(ctx).marker!)).toBe(commandOf({ run: restartMarkerCommand('ovirt-engine'), parse: () => 0 }));
    expect(commandOf(check.probe(ctx).marker!)).toContain(`[ -e ${MARKER_PATH} ] || { echo none; exit 0; }`);
    expect(commandOf(check.probe(ctx).marker!)).toContain('systemctl show -p MainPID ovirt-engine');
    const api = makeContext({ host: ctx.host });
    api.config.engineApi = { url: 'https://e/ovirt-engine/api', user: 'admin@internal', passwordEnv: 'PW' };
    expect(check.probe(api)).toEqual({});
  });

  it('no marker: ok, and the result says that only changes made by ovirt-floppy are seen', async () => {
    const o = await observe('none\n');
    const r = evaluateCheck(check as unknown as Check<unknown, Config>, { ok: true, observed: o }, ctx, ok()).result;
    expect(r.status).toBe('ok');
    expect(r.findings).toEqual([
      {
        code: 'restart-pending-scope',
        severity: 'info',
        message:
          'no restart pending for changes made by ovirt-floppy (no marker); without engineApi only changes made by ovirt-floppy are seen',
      },
    ]);
  });

  it('a marker newer than the engine: drift naming both times, fixed by notifying the restart handler', async () => {
    // The engine started at uptime 1000 s (100000 ticks / 100), before the change at 5000.25 s.
    const o = await observe(marker('100000'));
    expect(check.compare(o, ctx)).toEqual([
      {
        code: 'engine-restart-pending',
        message:
          'engine restart pending: ovirt-floppy changed UserDefinedVMProperties at 2026-11-30T00:53:20Z, ovirt-engine running since 2026-11-29T23:46:40Z',
        expected: 'ovirt-engine started after 2026-11-30T00:53:20Z',
        actual: 'ovirt-engine running since 2026-11-29T23:46:40Z',
      },
    ]);
    const r = evaluateCheck(check as unknown as Check<unknown, Config>, { ok: true, observed: o }, ctx, ok());
    expect(r.result.status).toBe('drift');
    expect(r.steps).toEqual([
      {
        describe: 'restart the engine so it loads the stored UserDefinedVMProperties (no change of its own)',
        run: { argv: ['true'] },
        notify: 'restart-engine',
      },
    ]);
  });

  it('a marker older than the engine (restarted after the change) or from an earlier boot: ok', async () => {
    const restarted = check.compare(await observe(marker('500030')), ctx);
    expect(restarted.map((f) => [f.code, f.severity, f.message])).toEqual([
      [
        'restart-pending-scope',
        'info',
        'no restart pending for changes made by ovirt-floppy (ovirt-engine restarted at 2026-11-30T00:53:20Z, after the change); without engineApi only changes made by ovirt-floppy are seen',
      ],
    ]);
    const rebooted = check.compare(await observe(marker('100000', 'ffffffff-1111-4222-8333-944455556666')), ctx);
    expect(rebooted[0]!.message).toContain('(the manager rebooted since the change)');
  });

  it('a marker but no engine process to compare with: error (unknown), not ok', async () => {
    const o = await observe(marker(undefined));
    expect(() => check.compare(o, ctx)).toThrow(
      'mgr: /var/lib/ovirt-floppy/engine-restart-pending says ovirt-floppy changed UserDefinedVMProperties, but systemctl show -p MainPID ovirt-engine named no running process',
    );
  });

  it('garbage is a ParseError', () => {
    expect(() => parseRestartMarker('marker_changed_at=yesterday\n', 0)).toThrow(ParseError);
    expect(() => parseRestartMarker('hello\n', 0)).toThrow(ParseError);
    expect(() => parseRestartMarker('', 1)).toThrow(ParseError);
    expect(() => parseRestartMarker(marker('100000').replace(`boot_id=${BOOT}`, 'boot_id='), 0)).toThrow(ParseError);
  });
});

const onLinux = spawnSync('sh', ['-c', 'test -r /proc/self/stat && test -r /proc/sys/kernel/random/boot_id']).status === 0;

describe.skipIf(!onLinux)('the real scripts with /bin/sh and this machine /proc', () => {
  const started: ChildProcess[] = [];
  let dir = '';
  afterEach(() => {
    for (const c of started.splice(0)) c.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // A fake `systemctl show -p MainPID` naming `pid` as the engine's main process.
  function probe(pid: number, path: string): string {
    writeFileSync(join(dir, 'bin', 'systemctl'), `#!/bin/sh\necho MainPID=${pid}\n`);
    chmodSync(join(dir, 'bin', 'systemctl'), 0o755);
    const r = spawnSync('sh', ['-c', restartMarkerCommand('ovirt-engine', path).sh], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${dir}/bin:${process.env.PATH}` },
    });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  }
  const sleeper = (): number => {
    const c = spawn('sleep', ['60'], { stdio: 'ignore' });
    started.push(c);
    return c.pid!;
  };
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('an engine started before the write is pending; one started after it is not', async () => {
    dir = mkdtempSync(join(tmpdir(), 'of-marker-'));
    spawnSync('mkdir', [join(dir, 'bin')]);
    const path = join(dir, 'state', 'engine-restart-pending');
    expect(parseRestartMarker(probe(process.pid, path), 0)).toEqual({ state: 'none' });
    const before = sleeper();
    await pause(100); // /proc's start time counts in clock ticks (10 ms)
    const w = spawnSync('sh', ['-c', writeRestartMarker(path)], { encoding: 'utf8' });
    expect(w.status, w.stderr).toBe(0);
    await pause(100);
    const after = sleeper();
    await pause(50);
    expect(check.compare({ marker: parseRestartMarker(probe(before, path), 0) }, ctx)[0]!.code).toBe('engine-restart-pending');
    expect(check.compare({ marker: parseRestartMarker(probe(after, path), 0) }, ctx)[0]!.code).toBe('restart-pending-scope');
  });
});
