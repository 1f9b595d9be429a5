/**
 * The hypervisor-floppy-access probe for real: the exact probe command (lib/hypervisor-access.ts), framed by the
 * runner's own script builder, run by `sh -s`, split and parsed, against real directories, with the real
 * setpriv, getent and kernel permission checks. Root only (setpriv needs CAP_SETUID); skipped otherwise.
 *
 * The users and groups (vdsm, qemu, kvm) exist only in a private mount namespace (`unshare -m`) in which a
 * temporary passwd and group file are bind-mounted over /etc/passwd and /etc/group: nothing is added to this
 * machine's user database, so nothing can be left behind even if the test is killed; the temp dir is removed
 * in afterAll. Layout as on a hypervisor (facts §5.1): kvm's gid is vdsm's PRIMARY group, and qemu's only
 * through a SUPPLEMENTARY membership, which is what `--init-groups` must set up for qemu to be allowed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryAccessCommand, parseDirectoryAccess, type DirectoryAccess } from '../../../../checks/lib/hypervisor-access.js';
import { commandLine } from '../../../../src/runner/command-line.js';
import { buildProbeScript, newNonce, splitProbeOutput } from '../../../../src/runner/probe-script.js';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

function unavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root (setpriv needs CAP_SETUID)';
  for (const c of ['unshare', 'setpriv', 'getent', 'mount']) if (!has(c)) return `no ${c}`;
  if (spawnSync('unshare', ['-m', '--propagation', 'private', 'true']).status !== 0) return 'cannot create a mount namespace here';
  return undefined;
}

const skip = unavailable();

/** ids free in this machine's user database, so the namespaced entries cannot alias a real account. */
function freeIds(count: number): number[] {
  const used = new Set<number>();
  for (const file of ['/etc/passwd', '/etc/group']) {
    for (const line of readFileSync(file, 'utf8').split('\n')) used.add(Number(line.split(':')[2]));
  }
  const ids: number[] = [];
  for (let id = 61000; ids.length < count; id++) if (!used.has(id)) ids.push(id);
  return ids;
}

describe.skipIf(skip !== undefined)(`setpriv access test as vdsm and qemu, for real${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let root = '';
  let ids: { vdsm: number; qemu: number; kvm: number; qemuGroup: number };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ovirt-floppy-access-'));
    chmodSync(root, 0o755);
    const [vdsm, qemu, kvm, qemuGroup] = freeIds(4) as [number, number, number, number];
    ids = { vdsm, qemu, kvm, qemuGroup };
    // The compliant layout: upload-user:kvm 2770 (here root:kvm), every ancestor traversable.
    mkdirSync(join(root, 'export/floppy'), { recursive: true });
    chmodSync(join(root, 'export'), 0o755);
    chownSync(join(root, 'export/floppy'), 0, kvm);
    chmodSync(join(root, 'export/floppy'), 0o2770);
    // The same, below an ancestor nobody but root may enter.
    mkdirSync(join(root, 'blocked/floppy'), { recursive: true });
    chmodSync(join(root, 'blocked'), 0o700);
    chownSync(join(root, 'blocked/floppy'), 0, kvm);
    chmodSync(join(root, 'blocked/floppy'), 0o2770);
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  /** Run the probe command for `dir` with these passwd/group additions; the real script, split and parser. */
  function probe(dir: string, kvmMembers: string): { access: DirectoryAccess; raw: string } {
    const strip = (file: string, names: string[]) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l !== '' && !names.includes(l.split(':')[0]!))
        .join('\n');
    const passwd = join(root, 'passwd');
    const group = join(root, 'group');
    writeFileSync(
      passwd,
      `${strip('/etc/passwd', ['vdsm', 'qemu'])}\n` +
        `vdsm:x:${ids.vdsm}:${ids.kvm}:Node Virtualization Manager:/var/lib/vdsm:/sbin/nologin\n` +
        `qemu:x:${ids.qemu}:${ids.qemuGroup}:qemu user:/:/sbin/nologin\n`,
    );
    writeFileSync(group, `${strip('/etc/group', ['kvm', 'qemu'])}\nkvm:x:${ids.kvm}:${kvmMembers}\nqemu:x:${ids.qemuGroup}:\n`);
    chmodSync(passwd, 0o644);
    chmodSync(group, 0o644);
    const nonce = newNonce();
    const script = buildProbeScript([{ key: 'hypervisor-floppy-access/access', command: commandLine(directoryAccessCommand(dir)) }], nonce);
    const r = spawnSync(
      'unshare',
      [
        '-m',
        '--propagation',
        'private',
        'sh',
        '-c',
        'mount --bind "$1" /etc/passwd && mount --bind "$2" /etc/group && exec sh -s',
        'ns',
        passwd,
        group,
      ],
      { input: script },
    );
    expect(r.status, r.stderr.toString()).toBe(0);
    const out = splitProbeOutput(r.stdout, nonce).get('hypervisor-floppy-access/access');
    expect(out, r.stdout.toString()).toBeDefined();
    return { access: parseDirectoryAccess(out!.stdout), raw: out!.stdout };
  }

  it('root:kvm 2770: vdsm (kvm primary) may enter, qemu (kvm supplementary only) may read, write and enter', () => {
    const { access, raw } = probe(join(root, 'export/floppy'), 'qemu');
    expect(access).toEqual({
      vdsm: { uid: ids.vdsm, gid: ids.kvm },
      qemu: { uid: ids.qemu, gid: ids.qemuGroup },
      vdsmTraverse: 'allowed',
      qemuReadWrite: 'allowed',
    });
    expect(raw).toMatch(/\n--\nvdsm 0\nqemu 0\n$/);
  });

  it('qemu not in kvm: denied (the member above was allowed only through its supplementary group)', () => {
    const { access } = probe(join(root, 'export/floppy'), '');
    expect(access).toMatchObject({ vdsmTraverse: 'allowed', qemuReadWrite: 'denied' });
  });

  it('an ancestor 0700: both denied, test -x on the directory covers every component above it', () => {
    const { access } = probe(join(root, 'blocked/floppy'), 'qemu');
    expect(access).toMatchObject({ vdsmTraverse: 'denied', qemuReadWrite: 'denied' });
  });

  it('a directory that does not exist: denied, not an error', () => {
    const { access } = probe(join(root, 'export/missing'), 'qemu');
    expect(access).toMatchObject({ vdsmTraverse: 'denied', qemuReadWrite: 'denied' });
  });
});
