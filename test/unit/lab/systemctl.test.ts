// The systemctl / service stand-ins (DESIGN.md §5; lab-notes §2: `kill -HUP 1` reloads a lab host's sshd).
// sshd is played by a copy of `sleep` named sshd, so a SIGHUP is visible as its exit signal; the machine's
// own PID 1 is never touched (the stand-in refuses any PID whose name is not sshd).
import { copyFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDINS, py, run, sleep, start, stop, tempDir } from './standins-helpers.js';

let dir: { path: string; remove: () => void };
let sshd: ChildProcess;
let env: Record<string, string>;
const systemctl = (...args: string[]) => py('common/systemctl.py', args, { env });

async function exitSignal(child: ChildProcess): Promise<NodeJS.Signals | null> {
  for (let i = 0; i < 50 && child.exitCode === null && child.signalCode === null; i++) await sleep(20);
  return child.signalCode;
}

beforeEach(() => {
  dir = tempDir('systemctl-');
  copyFileSync('/bin/sleep', join(dir.path, 'sshd'));
  sshd = start(join(dir.path, 'sshd'), ['60']);
  const sshdT = join(dir.path, 'sshd-t');
  writeFileSync(sshdT, '#!/bin/sh\nexit 0\n');
  chmodSync(sshdT, 0o755);
  env = {
    LAB_SSHD_PID: String(sshd.pid),
    LAB_SSHD: sshdT,
    LAB_REDHAT_RELEASE: join(dir.path, 'redhat-release'), // absent: a Debian host
    LAB_ENGINE_PY: join(dir.path, 'no-engine.py'),
  };
});
afterEach(async () => {
  await stop(sshd);
  dir.remove();
});

describe('systemctl reload|restart ssh(d)', () => {
  it('sends SIGHUP to sshd after `sshd -t` passed (Debian unit)', async () => {
    await sleep(50); // let the exec of the fake sshd finish, so its name is sshd
    expect(systemctl('reload', 'ssh')).toMatchObject({ status: 0, stderr: '' });
    expect(await exitSignal(sshd)).toBe('SIGHUP');
  });

  it('restart is a SIGHUP too (PID 1 cannot be restarted)', async () => {
    await sleep(50);
    writeFileSync(env.LAB_REDHAT_RELEASE!, 'Red Hat Enterprise Linux release 8.9 (Ootpa)\n');
    expect(systemctl('restart', 'sshd.service').status).toBe(0);
    expect(await exitSignal(sshd)).toBe('SIGHUP');
  });

  it('on Debian a failing `sshd -t` fails the job and leaves sshd alone', async () => {
    await sleep(50);
    writeFileSync(env.LAB_SSHD!, '#!/bin/sh\nexit 255\n');
    const r = systemctl('reload', 'ssh');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'Job for ssh.service failed because the control process exited with error code.\n' +
        'See "systemctl status ssh.service" and "journalctl -xe" for details.\n',
    );
    await sleep(100);
    expect(sshd.exitCode === null && sshd.signalCode === null).toBe(true);
  });

  it('never signals a process that is not sshd', () => {
    env.LAB_SSHD_PID = String(process.pid);
    const r = systemctl('reload', 'sshd');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('not sshd; not signalling it');
  });

  it('reports sshd active', () => {
    expect(systemctl('is-active', 'sshd')).toMatchObject({ status: 0, stdout: 'active\n' });
  });
});

describe('systemctl with unknown units and verbs', () => {
  it.each([
    ['restart', 5, 'Failed to restart foo.service: Unit foo.service not found.\n'],
    ['start', 5, 'Failed to start foo.service: Unit foo.service not found.\n'],
    ['reload', 5, 'Failed to reload foo.service: Unit foo.service not found.\n'],
    ['stop', 5, 'Failed to stop foo.service: Unit foo.service not loaded.\n'],
    ['status', 4, 'Unit foo.service could not be found.\n'],
  ])('%s foo → exit %i', (verb, status, stderr) => {
    expect(systemctl(verb, 'foo')).toMatchObject({ status, stderr, stdout: '' });
  });

  it('is-active of an unknown unit prints inactive, exit 3; -q prints nothing', () => {
    expect(systemctl('is-active', 'vdsmd')).toMatchObject({ status: 3, stdout: 'inactive\n' });
    expect(systemctl('is-active', '-q', 'vdsmd')).toMatchObject({ status: 3, stdout: '' });
  });

  it('ovirt-engine is unknown where the engine stand-in is not installed', () => {
    expect(systemctl('restart', 'ovirt-engine').status).toBe(5);
  });

  it('show -p MainPID [-p ActiveState] [--value], as systemd prints them: 0 / inactive for a unit not running or unknown', () => {
    expect(systemctl('show', '-p', 'MainPID', 'sshd')).toMatchObject({ status: 0, stdout: `MainPID=${sshd.pid}\n` });
    expect(systemctl('show', '--property=MainPID,ActiveState', 'ovirt-engine')).toMatchObject({
      status: 0,
      stdout: 'MainPID=0\nActiveState=inactive\n',
    });
    expect(systemctl('show', '-p', 'MainPID', '--value', 'ssh', 'vdsmd')).toMatchObject({ status: 0, stdout: `${sshd.pid}\n\n0\n` });
  });

  it('daemon-reload is a no-op; an unknown verb fails', () => {
    expect(systemctl('daemon-reload').status).toBe(0);
    expect(systemctl('frobnicate', 'sshd')).toMatchObject({ status: 1, stderr: 'Unknown operation frobnicate.\n' });
  });
});

describe('service', () => {
  const service = (...args: string[]) =>
    run('sh', [join(STANDINS, 'common/service.sh'), ...args], {
      env: { ...env, LAB_SYSTEMCTL: join(dir.path, 'systemctl') },
    });

  beforeEach(() => {
    writeFileSync(join(dir.path, 'systemctl'), '#!/bin/sh\necho "systemctl $*"\n');
    chmodSync(join(dir.path, 'systemctl'), 0o755);
  });

  it('redirects to systemctl, announcing it on EL like initscripts does', () => {
    writeFileSync(env.LAB_REDHAT_RELEASE!, 'Red Hat Enterprise Linux release 8.9 (Ootpa)\n');
    expect(service('sshd', 'reload')).toMatchObject({
      status: 0,
      stdout: 'systemctl reload sshd.service\n',
      stderr: 'Redirecting to /bin/systemctl reload sshd.service\n',
    });
  });

  it('redirects quietly on Debian', () => {
    expect(service('ssh', 'restart')).toMatchObject({ status: 0, stdout: 'systemctl restart ssh.service\n', stderr: '' });
  });
});
