// The /bin/sh fast path of getenforce, selinuxenabled and `getsebool NAME...` (selinux/lab_selinux_fast.sh)
// answers from the plain-text shadow lab_selinux.py writes next to its state, and hands everything else to the
// Python. Whatever path it takes, stdout, stderr and the exit code must be the Python's, byte for byte: every
// case below runs both and compares. A hand-over log shows which path was taken, and PATH points nowhere, so the
// fast path provably runs shell builtins only.
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PYTHON, STANDINS, run, tempDir, type RunResult } from './standins-helpers.js';

const PY = join(STANDINS, 'selinux/lab_selinux.py');
const FAST_TOOLS = ['getenforce', 'selinuxenabled', 'getsebool'];
const ALL_TOOLS = [...FAST_TOOLS, 'setenforce', 'setsebool', 'restorecon'];

let dir: { path: string; remove: () => void };
let env: Record<string, string>;
let log: string;

/** The Python stand-in, called by the tool's name (a symlink, as before the fast path existed). */
const python = (tool: string, ...args: string[]) => run(PYTHON, [join(dir.path, 'py', tool), ...args], { env });
/** The installed fast path: the script copied as lab-selinux-fast (0755) with the tool names as symlinks. */
const fast = (tool: string, ...args: string[]) =>
  run(join(dir.path, 'bin', tool), args, { env: { ...env, PATH: '/nonexistent', LAB_SELINUX_PY: join(dir.path, 'handover') } });
const lab = (...args: string[]) => run(PYTHON, [PY, ...args], { env });
/** One entry per hand-over to the Python: its arguments. */
const handovers = (): string[] =>
  existsSync(log)
    ? readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(9))
    : [];
const strip = (r: RunResult) => ({ status: r.status, stdout: r.stdout, stderr: r.stderr });

/** Run both; they must agree byte for byte. Returns the result and whether the sh handed over to the Python. */
function same(tool: string, ...args: string[]): RunResult & { handedOver: boolean } {
  const before = handovers().length;
  const f = fast(tool, ...args);
  const handedOver = handovers().length > before;
  const p = python(tool, ...args);
  expect(strip(f), `${tool} ${args.join(' ')}`).toEqual(strip(p));
  return { ...f, handedOver };
}

const base = () => env.LAB_SELINUX_STATE!.replace(/\.json$/, '');

beforeEach(() => {
  dir = tempDir('selinux-fast-');
  log = join(dir.path, 'handover.log');
  env = { LAB_SELINUX_STATE: join(dir.path, 'state.json'), LAB_SELINUX_CONFIG: join(dir.path, 'config'), HANDOVER_LOG: log };
  mkdirSync(join(dir.path, 'bin'));
  mkdirSync(join(dir.path, 'py'));
  copyFileSync(join(STANDINS, 'selinux/lab_selinux_fast.sh'), join(dir.path, 'bin/lab-selinux-fast'));
  chmodSync(join(dir.path, 'bin/lab-selinux-fast'), 0o755);
  for (const t of ALL_TOOLS) {
    symlinkSync('lab-selinux-fast', join(dir.path, 'bin', t));
    symlinkSync(PY, join(dir.path, 'py', t));
  }
  // What /usr/sbin/lab-selinux is in the lab, plus a line in the log per hand-over.
  writeFileSync(join(dir.path, 'handover'), `#!/bin/sh\nprintf 'handover %s\\n' "$*" >>"$HANDOVER_LOG"\nexec ${PYTHON} ${PY} "$@"\n`);
  chmodSync(join(dir.path, 'handover'), 0o755);
});
afterEach(() => dir.remove());

/** Every argument list the comparison covers, per tool; `fast` marks the ones the sh answers itself when enabled. */
const CASES: { tool: string; args: string[]; fast: boolean }[] = [
  { tool: 'getenforce', args: [], fast: true },
  { tool: 'getenforce', args: ['ignored'], fast: true },
  { tool: 'selinuxenabled', args: [], fast: true },
  { tool: 'getsebool', args: ['virt_use_nfs'], fast: true },
  { tool: 'getsebool', args: ['virt_use_nfs', 'virt_use_samba', 'use_nfs_home_dirs'], fast: true },
  { tool: 'getsebool', args: ['nope'], fast: false },
  { tool: 'getsebool', args: ['virt_use_nfs', 'nope'], fast: false },
  { tool: 'getsebool', args: ['-a'], fast: false },
  { tool: 'getsebool', args: ['-a', 'virt_use_nfs'], fast: false },
  { tool: 'getsebool', args: [], fast: false },
  { tool: 'getsebool', args: ['-x'], fast: false },
  { tool: 'getsebool', args: ['virt_use_nfs', '-a'], fast: false },
  { tool: 'getsebool', args: ['foo-bar'], fast: false },
  { tool: 'getsebool', args: [''], fast: false },
  { tool: 'getsebool', args: ['../state'], fast: false },
];

function compareAll(enabled: boolean): void {
  for (const c of CASES) {
    const r = same(c.tool, ...c.args);
    // With SELinux disabled getsebool NAME fails before looking at any name: answered by the sh too.
    const expectFast =
      c.fast || (!enabled && c.tool === 'getsebool' && c.args.length > 0 && c.args.every((a) => /^[A-Za-z0-9_]+$/.test(a)));
    expect(r.handedOver, `${c.tool} ${c.args.join(' ')} handed over`).toBe(!expectFast);
  }
}

describe('the shadow lab_selinux.py writes', () => {
  it('--init writes BASE.mode and one BASE.booleans/NAME per boolean, on|off', () => {
    expect(lab('--init', 'enforcing', 'virt_use_nfs=off').status).toBe(0);
    expect(readFileSync(`${base()}.mode`, 'utf8')).toBe('enforcing\n');
    expect(readFileSync(`${base()}.booleans/virt_use_nfs`, 'utf8')).toBe('off\n');
    expect(readFileSync(`${base()}.booleans/virt_use_samba`, 'utf8')).toBe('on\n');
    const state = JSON.parse(readFileSync(env.LAB_SELINUX_STATE!, 'utf8')) as { booleans: Record<string, unknown> };
    expect(readdirSync(`${base()}.booleans`).sort()).toEqual(Object.keys(state.booleans).sort());
  });

  it('follows setsebool, setenforce, --boot and a re-init (vanished booleans lose their file)', () => {
    lab('--init', 'enforcing', 'virt_use_nfs=off', 'extra_bool=on');
    expect(existsSync(`${base()}.booleans/extra_bool`)).toBe(true);
    expect(python('setsebool', 'virt_use_nfs', 'on').status).toBe(0);
    expect(readFileSync(`${base()}.booleans/virt_use_nfs`, 'utf8')).toBe('on\n');
    expect(python('setenforce', '0').status).toBe(0);
    expect(readFileSync(`${base()}.mode`, 'utf8')).toBe('permissive\n');
    expect(lab('--boot').status).toBe(0);
    expect(readFileSync(`${base()}.mode`, 'utf8')).toBe('enforcing\n');
    expect(readFileSync(`${base()}.booleans/virt_use_nfs`, 'utf8')).toBe('off\n');
    lab('--init', 'disabled');
    expect(existsSync(`${base()}.booleans/extra_bool`)).toBe(false);
    expect(readFileSync(`${base()}.mode`, 'utf8')).toBe('disabled\n');
  });

  it('a state path without .json: the shadow is PATH.mode and PATH.booleans/', () => {
    env.LAB_SELINUX_STATE = join(dir.path, 'selinux-state');
    lab('--init', 'permissive');
    expect(readFileSync(join(dir.path, 'selinux-state.mode'), 'utf8')).toBe('permissive\n');
    expect(same('getenforce')).toMatchObject({ stdout: 'Permissive\n', handedOver: false });
    expect(same('getsebool', 'virt_use_nfs')).toMatchObject({ stdout: 'virt_use_nfs --> on\n', handedOver: false });
  });
});

describe('sh fast path and Python agree byte for byte', { timeout: 60_000 }, () => {
  it('enforcing, virt_use_nfs off (hv2)', () => {
    lab('--init', 'enforcing', 'virt_use_nfs=off');
    compareAll(true);
    expect(same('getsebool', 'virt_use_nfs')).toMatchObject({ status: 0, stdout: 'virt_use_nfs --> off\n', stderr: '' });
    expect(same('getsebool', 'nope')).toMatchObject({ status: 255, stdout: '', stderr: 'Error getting active value for nope\n' });
  });

  it('enforcing, virt_use_nfs on (hv1 after vdsm-tool configure)', () => {
    lab('--init', 'enforcing');
    compareAll(true);
    expect(same('getenforce')).toMatchObject({ status: 0, stdout: 'Enforcing\n' });
  });

  it('permissive', () => {
    lab('--init', 'permissive', 'virt_use_nfs=off');
    compareAll(true);
    expect(same('getenforce').stdout).toBe('Permissive\n');
  });

  it('disabled by --init', () => {
    lab('--init', 'disabled');
    compareAll(false);
    expect(same('getsebool', 'virt_use_nfs')).toMatchObject({ status: 1, stdout: '', stderr: 'getsebool:  SELinux is disabled\n' });
    expect(same('selinuxenabled').status).toBe(1);
  });

  it('no state at all (a Debian host without SELinux, e.g. sftp)', () => {
    compareAll(false);
    expect(same('getenforce')).toMatchObject({ status: 0, stdout: 'Disabled\n', handedOver: false });
  });

  it('after setenforce 0, setsebool -P and setsebool of a stock boolean', () => {
    lab('--init', 'enforcing', 'virt_use_nfs=off');
    expect(python('setenforce', '0').status).toBe(0);
    expect(python('setsebool', '-P', 'virt_use_nfs', 'on').status).toBe(0);
    expect(python('setsebool', 'httpd_can_network_connect=1').status).toBe(0);
    compareAll(true);
    expect(same('getsebool', 'virt_use_nfs', 'httpd_can_network_connect').stdout).toBe(
      'virt_use_nfs --> on\nhttpd_can_network_connect --> on\n',
    );
  });

  it('after a reboot (--boot) that drops a non-persistent change and re-reads the config', () => {
    lab('--init', 'enforcing', 'virt_use_nfs=off');
    python('setsebool', 'virt_use_nfs', 'on');
    writeFileSync(env.LAB_SELINUX_CONFIG!, 'SELINUX=permissive\n');
    expect(lab('--boot').status).toBe(0);
    compareAll(true);
    expect(same('getenforce').stdout).toBe('Permissive\n');
    expect(same('getsebool', 'virt_use_nfs').stdout).toBe('virt_use_nfs --> off\n');
  });

  it('the mutating tools, called through the fast script, are the Python itself', () => {
    lab('--init', 'enforcing', 'virt_use_nfs=off');
    const r = fast('setsebool', '-P', 'virt_use_nfs', 'on');
    expect(r).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(handovers()).toEqual(['setsebool -P virt_use_nfs on']);
    expect(same('getsebool', 'virt_use_nfs')).toMatchObject({ stdout: 'virt_use_nfs --> on\n', handedOver: false });
    expect(strip(fast('setsebool', 'nope', 'on'))).toEqual(strip(python('setsebool', 'nope', 'on')));
    expect(strip(fast('setenforce', 'bogus'))).toEqual(strip(python('setenforce', 'bogus')));
    expect(strip(fast('restorecon', join(dir.path, 'nope')))).toEqual({
      status: 255,
      stdout: '',
      stderr: `restorecon: SELinux: Could not get canonical path for ${join(dir.path, 'nope')} restorecon: No such file or directory.\n`,
    });
  });
});

describe("a shadow the sh cannot trust: it hands over, and the answer is still the Python's", () => {
  beforeEach(() => {
    lab('--init', 'enforcing', 'virt_use_nfs=off');
  });

  it('BASE.mode missing', () => {
    rmSync(`${base()}.mode`);
    expect(same('getenforce')).toMatchObject({ stdout: 'Enforcing\n', handedOver: true });
    expect(same('getsebool', 'virt_use_nfs')).toMatchObject({ stdout: 'virt_use_nfs --> off\n', handedOver: true });
  });

  it('state.json written by something else (newer than BASE.mode)', () => {
    const state = JSON.parse(readFileSync(env.LAB_SELINUX_STATE!, 'utf8')) as {
      mode: string;
      booleans: Record<string, { active: boolean }>;
    };
    state.mode = 'permissive';
    state.booleans.virt_use_nfs!.active = true;
    writeFileSync(env.LAB_SELINUX_STATE!, JSON.stringify(state));
    const later = new Date(Date.now() + 5000);
    utimesSync(env.LAB_SELINUX_STATE!, later, later);
    expect(same('getenforce')).toMatchObject({ stdout: 'Permissive\n', handedOver: true });
    expect(same('getsebool', 'virt_use_nfs')).toMatchObject({ stdout: 'virt_use_nfs --> on\n', handedOver: true });
    expect(same('selinuxenabled')).toMatchObject({ status: 0, handedOver: true });
  });

  it('state.json removed (the shadow stays): SELinux disabled, as the Python says', () => {
    rmSync(env.LAB_SELINUX_STATE!);
    expect(same('getenforce')).toMatchObject({ stdout: 'Disabled\n', handedOver: false });
    expect(same('getsebool', 'virt_use_nfs')).toMatchObject({ status: 1, handedOver: false });
  });

  it('a boolean file missing, or a value the sh does not know', () => {
    rmSync(`${base()}.booleans/virt_use_nfs`);
    expect(same('getsebool', 'virt_use_samba', 'virt_use_nfs')).toMatchObject({
      stdout: 'virt_use_samba --> on\nvirt_use_nfs --> off\n',
      handedOver: true,
    });
    writeFileSync(`${base()}.booleans/virt_use_samba`, 'maybe\n');
    expect(same('getsebool', 'virt_use_samba')).toMatchObject({ stdout: 'virt_use_samba --> on\n', handedOver: true });
  });

  it('a mode the sh does not know (or no newline)', () => {
    for (const text of ['Enforcing\n', 'enforcing', 'weird\n', ' enforcing\n', '']) {
      writeFileSync(`${base()}.mode`, text);
      utimesSync(`${base()}.mode`, new Date(Date.now() + 5000), new Date(Date.now() + 5000));
      expect(same('getenforce')).toMatchObject({ stdout: 'Enforcing\n', handedOver: true });
    }
  });

  it('an unreadable shadow is handed over (without a shell error on stderr)', () => {
    rmSync(`${base()}.mode`);
    mkdirSync(`${base()}.mode`);
    expect(same('getenforce')).toMatchObject({ stdout: 'Enforcing\n', stderr: '', handedOver: true });
  });
});

describe('called by another name', () => {
  it('lab-selinux-fast itself hands the arguments over unchanged (the multi-call usage)', () => {
    const f = fast('lab-selinux-fast', 'getenforce');
    expect(f).toMatchObject({ status: 0, stdout: 'Disabled\n' });
    expect(handovers()).toEqual(['getenforce']);
    expect(strip(fast('lab-selinux-fast'))).toEqual(strip(lab()));
  });
});

// The lab wiring (proven in lab hosts by test/lab/standins-roles.int.test.ts): the read-only tools are the fast
// path, the mutating ones the Python, and the fast path hands over to where install-role.sh puts the Python.
it('install-role.sh links getenforce, selinuxenabled, getsebool to lab-selinux-fast, the rest to lab-selinux', () => {
  const script = readFileSync(join(STANDINS, 'install-role.sh'), 'utf8');
  expect(script).toContain('put "$here/selinux/lab_selinux.py" /usr/sbin/lab-selinux 0755');
  expect(script).toContain('put "$here/selinux/lab_selinux_fast.sh" /usr/sbin/lab-selinux-fast 0755');
  expect(script).toMatch(/for tool in setenforce setsebool restorecon; do\n\s+ln -sfn lab-selinux "\$root\/usr\/sbin\/\$tool"/);
  expect(script).toMatch(/for tool in getenforce selinuxenabled getsebool; do\n\s+ln -sfn lab-selinux-fast "\$root\/usr\/sbin\/\$tool"/);
  expect(readFileSync(join(STANDINS, 'selinux/lab_selinux_fast.sh'), 'utf8')).toContain('${LAB_SELINUX_PY:-/usr/sbin/lab-selinux}');
});
