// The engine stand-in: health after (re)start (ovirt-facts.md §1.6: 200 `DB Up!Welcome to Health Status!`, not
// before the engine is up), the running snapshot of vdc_options that only a restart refreshes, and the
// systemctl stand-in driving it as a daemon with a pidfile. Binds only 127.0.0.1 on a free port.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PYTHON, STANDINS, freePort, py, sleep, start, stop, tempDir } from './standins-helpers.js';

let dir: { path: string; remove: () => void };
let env: Record<string, string>;
let port: number;
const health = () => fetch(`http://127.0.0.1:${port}/ovirt-engine/services/health`);
const running = (version: string) =>
  (
    JSON.parse(readFileSync(env.LAB_ENGINE_RUNNING!, 'utf8')) as { rows: { option_name: string; version: string; option_value: string }[] }
  ).rows.find((r) => r.option_name === 'UserDefinedVMProperties' && r.version === version)?.option_value;
const systemctl = (...args: string[]) => py('common/systemctl.py', args, { env });

beforeEach(async () => {
  dir = tempDir('engine-');
  port = await freePort();
  env = {
    LAB_ENGINE_VDC_OPTIONS: join(dir.path, 'vdc_options.json'),
    LAB_ENGINE_CONF: join(dir.path, 'engine.json'),
    LAB_ENGINE_PIDFILE: join(dir.path, 'run/ovirt-engine.pid'),
    LAB_ENGINE_LOG: join(dir.path, 'engine.log'),
    LAB_ENGINE_RUNNING: join(dir.path, 'run/running-options.json'),
    LAB_ENGINE_PY: join(STANDINS, 'engine/engine.py'),
  };
  writeFileSync(
    env.LAB_ENGINE_CONF!,
    JSON.stringify({
      address: '127.0.0.1',
      listeners: [{ port }],
      startup_delay: 1.0,
      db_down_flag: join(dir.path, 'db-down'),
    }),
  );
  expect(py('engine/vdc_options.py', ['--seed'], { env }).status).toBe(0);
});
afterEach(async () => {
  py('engine/engine.py', ['stop'], { env }); // a daemon a test left running; no-op otherwise
  dir.remove();
});

describe('engine.py run', () => {
  it('answers 503 while starting, then 200 with the servlet body; 500 when the DB is down', async () => {
    const child = start(PYTHON, [join(STANDINS, 'engine/engine.py'), 'run'], env);
    try {
      const listening = await new Promise<string>((res) => {
        let buf = '';
        child.stdout!.on('data', (d: Buffer) => {
          buf += d.toString();
          if (buf.includes('\n')) res(buf);
        });
      });
      expect(listening).toBe(`listening 127.0.0.1:${port}\n`);
      expect((await health()).status).toBe(503);
      await sleep(1100);
      const ok = await health();
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('DB Up!Welcome to Health Status!');
      writeFileSync(join(dir.path, 'db-down'), '');
      const down = await health();
      expect([down.status, await down.text()]).toEqual([500, 'DB Down!']);
      expect((await fetch(`http://127.0.0.1:${port}/ovirt-engine/api`)).status).toBe(404);
    } finally {
      await stop(child);
    }
  });

  it('refuses an address outside 127.0.0.0/8', () => {
    writeFileSync(env.LAB_ENGINE_CONF!, JSON.stringify({ address: '10.0.0.1', listeners: [{ port }] }));
    const r = py('engine/engine.py', ['run'], { env });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('the lab binds only inside 127.0.0.0/8');
  });
});

describe('systemctl … ovirt-engine', () => {
  it('start/is-active/restart/stop the daemon; the running value changes only with a restart', async () => {
    expect(systemctl('is-active', 'ovirt-engine')).toMatchObject({ status: 3, stdout: 'inactive\n' });
    expect(systemctl('start', 'ovirt-engine.service').status).toBe(0);
    const pid = Number(readFileSync(env.LAB_ENGINE_PIDFILE!, 'utf8'));
    expect(systemctl('is-active', 'ovirt-engine')).toMatchObject({ status: 0, stdout: 'active\n' });
    expect(systemctl('show', '-p', 'MainPID', 'ovirt-engine')).toMatchObject({ status: 0, stdout: `MainPID=${pid}\n` });
    expect(systemctl('start', 'ovirt-engine').status).toBe(0); // already active: nothing happens
    expect(Number(readFileSync(env.LAB_ENGINE_PIDFILE!, 'utf8'))).toBe(pid);

    const value = 'floppy=^/rhev/[a-z0-9]+\\.vfd$';
    expect(py('engine/engine_config.py', ['-s', `UserDefinedVMProperties=${value}`, '--cver=4.7'], { env }).status).toBe(0);
    expect(running('4.7')).toBe(''); // stored ≠ running until the restart (facts §1.6)

    expect(systemctl('restart', 'ovirt-engine').status).toBe(0);
    expect(running('4.7')).toBe(value);
    expect(Number(readFileSync(env.LAB_ENGINE_PIDFILE!, 'utf8'))).not.toBe(pid);
    // The main process is a new one after a restart: what manager-engine-restart-pending dates the engine by.
    expect(systemctl('show', '-p', 'MainPID', 'ovirt-engine').stdout).toBe(
      `MainPID=${readFileSync(env.LAB_ENGINE_PIDFILE!, 'utf8').trim()}\n`,
    );
    expect((await health()).status).toBe(503); // a bounded health wait is needed after a restart
    await sleep(1100);
    expect((await health()).status).toBe(200);

    expect(systemctl('stop', 'ovirt-engine').status).toBe(0);
    expect(systemctl('is-active', 'ovirt-engine').status).toBe(3);
    await expect(health()).rejects.toThrow();
  });

  it('a failed start is systemd\'s "Job ... failed", exit 1', () => {
    writeFileSync(env.LAB_ENGINE_CONF!, '{');
    const r = systemctl('start', 'ovirt-engine');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Job for ovirt-engine.service failed because the control process exited with error code.');
  });
});
