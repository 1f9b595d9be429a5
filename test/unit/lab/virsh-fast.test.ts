// The /bin/sh fast path of `virsh -r domcapabilities [--machine M]` (hypervisor/virsh_fast.sh, installed as
// /usr/bin/virsh) prints the document itself and hands everything else to virsh.py. Whatever path it takes,
// stdout, stderr and the exit code must be virsh.py's, byte for byte: every case below runs both and compares.
// A hand-over log shows which path was taken, and PATH points nowhere, so the fast path provably runs shell
// builtins only.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PYTHON, STANDINS, run, tempDir, type RunResult } from './standins-helpers.js';

const PY = join(STANDINS, 'hypervisor/virsh.py');
const XML = "<domain type='kvm'><name>floppy-smoke</name><uuid>1b2e4a2c-0000-4000-8000-000000000001</uuid><devices/></domain>\n";

let dir: { path: string; remove: () => void };
let env: Record<string, string>;
let log: string;

const python = (args: string[], input = '') => run(PYTHON, [PY, ...args], { env, input });
const fast = (args: string[], input = '') =>
  run(join(dir.path, 'virsh'), args, { env: { ...env, PATH: '/nonexistent', LAB_VIRSH_PY: join(dir.path, 'handover') }, input });
/** One entry per hand-over to the Python: its arguments. */
const handovers = (): string[] => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => l.slice(9)) : []);
const strip = (r: RunResult) => ({ status: r.status, stdout: r.stdout, stderr: r.stderr });

function same(args: string[], input = ''): RunResult & { handedOver: boolean } {
  const before = handovers().length;
  const f = fast(args, input);
  const handedOver = handovers().length > before;
  expect(strip(f), args.join(' ')).toEqual(strip(python(args, input)));
  return { ...f, handedOver };
}

beforeEach(() => {
  dir = tempDir('virsh-fast-');
  log = join(dir.path, 'handover.log');
  env = { LAB_VDSM_DOMAINS: join(dir.path, 'domains'), LAB_DOMCAPS_NO_FLOPPY: join(dir.path, 'no-floppy'), HANDOVER_LOG: log };
  mkdirSync(env.LAB_VDSM_DOMAINS!);
  writeFileSync(join(env.LAB_VDSM_DOMAINS!, '1b2e4a2c-0000-4000-8000-000000000001.xml'), XML);
  copyFileSync(join(STANDINS, 'hypervisor/virsh_fast.sh'), join(dir.path, 'virsh'));
  chmodSync(join(dir.path, 'virsh'), 0o755);
  writeFileSync(join(dir.path, 'handover'), `#!/bin/sh\nprintf 'handover %s\\n' "$*" >>"$HANDOVER_LOG"\nexec ${PYTHON} ${PY} "$@"\n`);
  chmodSync(join(dir.path, 'handover'), 0o755);
});
afterEach(() => dir.remove());

/** Calls the sh answers itself (when the flag file is absent or empty). */
const FAST: string[][] = [
  ['-r', 'domcapabilities', '--machine', 'pc'],
  ['-r', 'domcapabilities', '--machine', 'q35'],
  ['-r', 'domcapabilities'],
  ['--readonly', 'domcapabilities', '--machine=q35'],
  ['-r', '-q', 'domcapabilities', '--machine=pc'],
  ['-q', '--readonly', '-r', 'domcapabilities', '--machine', ''],
  ['-r', 'domcapabilities', '--machine='],
  ['-r', 'domcapabilities', '--machine', 'pc-i440fx-rhel7.6.0'],
  ['-r', 'domcapabilities', '--machine', 'pc-q35-rhel8.6.0'],
  ['-r', 'domcapabilities', '--machine', 'pc-q35-rhel9.2.0'],
  ['-r', 'domcapabilities', '--machine', 'pc-i440fx-2.11'],
];
/** Unknown machine types: libvirt's error, answered by the sh whatever the flag file says (checked first). */
const UNKNOWN: string[][] = [
  ['-r', 'domcapabilities', '--machine', 'virt'],
  ['-r', 'domcapabilities', '--machine=pc-i440fx'],
  ['-r', 'domcapabilities', '--machine', 'Q35'],
  ['-r', '-q', 'domcapabilities', '--machine', 's390-ccw-virtio_1.0'],
];
/** Calls it hands to virsh.py. */
const SLOW: string[][] = [
  [],
  ['-r'],
  ['-r', 'bogus'],
  ['--bogus', 'domcapabilities'],
  ['-c', 'qemu:///system', '-r', 'domcapabilities'],
  ['--connect=qemu:///system', '-r', 'domcapabilities'],
  ['domcapabilities', '--machine', 'pc'],
  ['-r', 'domcapabilities', '--machine'],
  ['-r', 'domcapabilities', '--machine', '--virttype'],
  ['-r', 'domcapabilities', '--machine', '--emulatorbin=/usr/bin/qemu-system-x86_64'],
  ['-r', 'domcapabilities', '--machine', 'pc q35'],
  ['-r', 'domcapabilities', '--machine', "pc'"],
  ['-r', 'domcapabilities', '--machine', 'pc', '--virttype', 'qemu'],
  ['-r', 'domcapabilities', '--virttype', 'qemu'],
  ['-r', 'domcapabilities', '--arch=aarch64', '--machine', 'q35'],
  ['-r', 'domcapabilities', '--emulatorbin', '/usr/bin/qemu-kvm', '--machine', 'virt'],
  ['-r', 'domcapabilities', '--machine', 'pc', '--machine', 'q35'],
  ['-r', 'domcapabilities', '-r'],
  ['-r', 'dumpxml', 'floppy-smoke'],
  ['--readonly', 'dumpxml', '1b2e4a2c-0000-4000-8000-000000000001'],
  ['-r', 'dumpxml', 'nosuch'],
  ['-r', 'dumpxml'],
  ['-r', 'list'],
  ['-r', 'list', '--all'],
  ['dumpxml', 'floppy-smoke'],
  ['list'],
];

function compareAll(flagFast: boolean): void {
  for (const args of FAST) expect(same(args).handedOver, args.join(' ')).toBe(!flagFast);
  for (const args of UNKNOWN) expect(same(args)).toMatchObject({ status: 1, stdout: '', handedOver: false });
  for (const args of SLOW) expect(same(args).handedOver, args.join(' ')).toBe(true);
}

describe('sh fast path and virsh.py agree byte for byte', () => {
  it('no flag file: floppy everywhere', () => {
    compareAll(true);
    expect(same(['-r', 'domcapabilities', '--machine', 'q35']).stdout).toContain('<value>floppy</value>');
  }, 60_000);

  it('an empty flag file: floppy nowhere', () => {
    writeFileSync(env.LAB_DOMCAPS_NO_FLOPPY!, '');
    compareAll(true);
    expect(same(['-r', 'domcapabilities', '--machine', 'pc']).stdout).not.toContain('floppy');
  }, 60_000);

  it('a flag file with machine prefixes (read by virsh.py)', () => {
    writeFileSync(env.LAB_DOMCAPS_NO_FLOPPY!, 'pc-q35-\n');
    compareAll(false);
    expect(same(['-r', 'domcapabilities', '--machine', 'q35']).stdout).not.toContain('floppy');
    expect(same(['-r', 'domcapabilities', '--machine', 'pc']).stdout).toContain('<value>floppy</value>');
  }, 60_000);

  it.each([['blank lines only', '  \n\n'], ['surrounding blanks, CRLF', ' pc-i440fx- \r\n'], ['no newline', 'pc-q35-']])(
    'a flag file the sh leaves to virsh.py: %s', (_, text) => {
      writeFileSync(env.LAB_DOMCAPS_NO_FLOPPY!, text);
      compareAll(false);
    }, 60_000);

  it('a directory as flag file (virsh.py: unreadable, so floppy everywhere)', () => {
    mkdirSync(env.LAB_DOMCAPS_NO_FLOPPY!);
    compareAll(false);
    expect(same(['-r', 'domcapabilities', '--machine', 'q35']).stdout).toContain('<value>floppy</value>');
  }, 60_000);

  it('a dangling symlink as flag file counts as absent, as in virsh.py', () => {
    symlinkSync(join(dir.path, 'nowhere'), env.LAB_DOMCAPS_NO_FLOPPY!);
    compareAll(true);
  }, 60_000);

  it('the SASL prompt without -r, with a closed and an answered stdin', () => {
    expect(same(['domcapabilities'])).toMatchObject({ status: 1, handedOver: true });
    expect(same(['domcapabilities'], 'admin\n')).toMatchObject({ status: 1, handedOver: true });
  });

  it('the two calls every audit makes, exactly', () => {
    const pc = same(['-r', 'domcapabilities', '--machine', 'pc']);
    expect(pc).toMatchObject({ status: 0, stderr: '', handedOver: false });
    expect(pc.stdout).toContain('<machine>pc-i440fx-rhel7.6.0</machine>');
    const q35 = same(['-r', 'domcapabilities', '--machine', 'q35']);
    expect(q35).toMatchObject({ status: 0, stderr: '', handedOver: false });
    expect(q35.stdout).toContain("<vcpu max='384'/>");
    expect(handovers()).toEqual([]);
  });

  it('an empty LAB_DOMCAPS_NO_FLOPPY is no flag file for both', () => {
    env.LAB_DOMCAPS_NO_FLOPPY = '';
    expect(same(['-r', 'domcapabilities', '--machine', 'q35'])).toMatchObject({ handedOver: false });
  });

  it('an IFS from the caller does not change the document', () => {
    env.IFS = 'o';
    compareAll(true);
  }, 60_000);
});

// Guard against copying the wrong file: virsh.py and the fast path both exist where install-role.sh takes them.
it('install-role.sh installs virsh_fast.sh as /usr/bin/virsh and virsh.py where the fast path hands over', () => {
  const script = readFileSync(join(STANDINS, 'install-role.sh'), 'utf8');
  expect(script).toContain('put "$here/hypervisor/virsh_fast.sh" /usr/bin/virsh 0755');
  expect(script).toContain('put "$here/hypervisor/virsh.py" /usr/share/lab-vdsm/virsh.py 0755');
  expect(readFileSync(join(STANDINS, 'hypervisor/virsh_fast.sh'), 'utf8')).toContain('/usr/share/lab-vdsm/virsh.py');
});
