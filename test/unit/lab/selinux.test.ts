// The SELinux tool stand-ins print what libselinux/policycoreutils print (getsebool.c, setsebool.c,
// setfiles.c) from a state file; the multi-call program is run through symlinks with the real tool names.
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PYTHON, STANDINS, run, tempDir } from './standins-helpers.js';

const TOOLS = ['getenforce', 'setenforce', 'selinuxenabled', 'getsebool', 'setsebool', 'restorecon'];
let dir: { path: string; remove: () => void };
let env: Record<string, string>;
const tool = (name: string, ...args: string[]) => run(PYTHON, [join(dir.path, name), ...args], { env });
const lab = (...args: string[]) => run(PYTHON, [join(STANDINS, 'selinux/lab_selinux.py'), ...args], { env });

beforeEach(() => {
  dir = tempDir('selinux-');
  env = { LAB_SELINUX_STATE: join(dir.path, 'state.json'), LAB_SELINUX_CONFIG: join(dir.path, 'config') };
  for (const t of TOOLS) symlinkSync(join(STANDINS, 'selinux/lab_selinux.py'), join(dir.path, t));
});
afterEach(() => dir.remove());

describe('an enforcing hypervisor with virt_use_nfs off (hv2)', () => {
  beforeEach(() => expect(lab('--init', 'enforcing', 'virt_use_nfs=off').status).toBe(0));

  it('getenforce / selinuxenabled / the config file agree', () => {
    expect(tool('getenforce')).toMatchObject({ status: 0, stdout: 'Enforcing\n' });
    expect(tool('selinuxenabled').status).toBe(0);
    expect(readFileSync(env.LAB_SELINUX_CONFIG!, 'utf8')).toMatch(/^SELINUX=enforcing$/m);
  });

  it('getsebool prints `name --> on|off`; -a lists all sorted', () => {
    expect(tool('getsebool', 'virt_use_nfs')).toMatchObject({ status: 0, stdout: 'virt_use_nfs --> off\n' });
    expect(tool('getsebool', 'virt_use_nfs', 'virt_use_samba').stdout).toBe('virt_use_nfs --> off\nvirt_use_samba --> on\n');
    const all = tool('getsebool', '-a').stdout.trimEnd().split('\n');
    expect(all).toEqual([...all].sort());
    expect(all).toContain('sanlock_use_nfs --> on');
  });

  it('getsebool of an unknown boolean fails like libselinux', () => {
    expect(tool('getsebool', 'nope')).toMatchObject({ status: 255, stdout: '', stderr: 'Error getting active value for nope\n' });
  });

  it('setsebool -P persists across a reboot; without -P it does not', () => {
    expect(tool('setsebool', '-P', 'virt_use_nfs', 'on')).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(tool('setsebool', 'use_nfs_home_dirs=1').status).toBe(0);
    expect(tool('getsebool', 'virt_use_nfs', 'use_nfs_home_dirs').stdout).toBe('virt_use_nfs --> on\nuse_nfs_home_dirs --> on\n');
    expect(lab('--boot').status).toBe(0);
    expect(tool('getsebool', 'virt_use_nfs', 'use_nfs_home_dirs').stdout).toBe('virt_use_nfs --> on\nuse_nfs_home_dirs --> off\n');
  });

  it('setsebool rejects unknown booleans and bad values', () => {
    expect(tool('setsebool', '-P', 'nope', 'on')).toMatchObject({ status: 255, stderr: 'Boolean nope is not defined\n' });
    expect(tool('setsebool', 'nope', 'on')).toMatchObject({ status: 255, stderr: 'Could not change active booleans: Invalid boolean\n' });
    expect(tool('setsebool', 'virt_use_nfs', 'maybe')).toMatchObject({
      status: 255,
      stderr: 'setsebool: illegal value maybe for boolean virt_use_nfs\n',
    });
    expect(tool('setsebool').status).toBe(1);
  });

  it('restorecon checks its paths and records the call', () => {
    expect(tool('restorecon', '-Rv', dir.path)).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const state = JSON.parse(readFileSync(env.LAB_SELINUX_STATE!, 'utf8')) as { restorecon: unknown[] };
    expect(state.restorecon).toEqual([{ path: dir.path, recursive: true }]);
    const missing = tool('restorecon', join(dir.path, 'nope'));
    expect(missing.status).toBe(255);
    expect(missing.stderr).toContain('Could not get canonical path for');
  });

  it('setenforce switches the runtime mode only', () => {
    expect(tool('setenforce', '0').status).toBe(0);
    expect(tool('getenforce').stdout).toBe('Permissive\n');
    lab('--boot');
    expect(tool('getenforce').stdout).toBe('Enforcing\n');
  });
});

describe('a host with SELinux disabled', () => {
  it('without any state behaves as Debian without SELinux', () => {
    expect(existsSync(env.LAB_SELINUX_STATE!)).toBe(false);
    expect(tool('getenforce').stdout).toBe('Disabled\n');
    expect(tool('selinuxenabled').status).toBe(1);
    expect(tool('getsebool', 'virt_use_nfs')).toMatchObject({ status: 1, stderr: 'getsebool:  SELinux is disabled\n' });
    expect(tool('restorecon', '-R', '/nonexistent')).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(tool('setsebool', '-P', 'virt_use_nfs', 'on')).toMatchObject({ status: 1, stderr: 'setsebool:  SELinux is disabled.\n' });
  });

  it('--init disabled writes SELINUX=disabled', () => {
    expect(lab('--init', 'disabled').status).toBe(0);
    expect(tool('getenforce').stdout).toBe('Disabled\n');
    expect(readFileSync(env.LAB_SELINUX_CONFIG!, 'utf8')).toMatch(/^SELINUX=disabled$/m);
  });
});
