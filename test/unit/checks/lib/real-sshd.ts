/**
 * A real OpenSSH sshd for tests that must prove a planned configuration is valid (`sshd -t`) and effective
 * (`sshd -T -C`). Taken from $OVIRT_FLOPPY_SSHD, /usr/sbin/sshd, or the lab's Debian rootfs (.lab/rootfs, run
 * through that rootfs' own dynamic loader, since this machine may lack its libraries, e.g. libwrap).
 *
 * Run as root, sshd insists on its privilege-separation user and /run/sshd, which this machine need not have; run
 * as an unprivileged user it skips both. So as root every command runs as `nobody` (runuser), in a world-readable
 * temp dir, with a host key owned by nobody passed through the config.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

export interface RealSshd {
  /** Absolute path of an executable that behaves as sshd (maybe a wrapper). */
  path: string;
  dir: string;
  hostKey: string;
  /** Run argv (as nobody when we are root); never throws on a non-zero exit. */
  run(argv: string[]): { code: number; out: string };
  cleanup(): void;
}

function candidate(): { path: string; wrap?: string } | undefined {
  if (process.env.OVIRT_FLOPPY_SSHD) return { path: process.env.OVIRT_FLOPPY_SSHD };
  if (existsSync('/usr/sbin/sshd')) return { path: '/usr/sbin/sshd' };
  const root = join(REPO, '.lab/rootfs');
  const loader = join(root, 'lib64/ld-linux-x86-64.so.2');
  if (existsSync(join(root, 'usr/sbin/sshd')) && existsSync(loader)) {
    const libs = [join(root, 'usr/lib/x86_64-linux-gnu'), join(root, 'lib/x86_64-linux-gnu')].join(':');
    return {
      path: join(root, 'usr/sbin/sshd'),
      wrap: `#!/bin/sh\nexec ${loader} --library-path ${libs} ${join(root, 'usr/sbin/sshd')} "$@"\n`,
    };
  }
  return undefined;
}

/** A ready sshd, or the reason there is none (the test is then skipped, visibly). */
export function findRealSshd(): RealSshd | string {
  const found = candidate();
  if (!found) return 'no sshd: not at /usr/sbin/sshd, no lab rootfs at .lab/rootfs (run `npm run lab -- up` once), OVIRT_FLOPPY_SSHD unset';
  const asRoot = process.getuid?.() === 0;
  if (asRoot && spawnSync('runuser', ['--help']).status !== 0) return 'running as root without runuser';
  const dir = mkdtempSync(join(tmpdir(), 'ovirt-floppy-sshd-'));
  chmodSync(dir, 0o755);
  // mktemp in the validation scripts runs as nobody: give it a scratch dir of its own.
  const scratch = join(dir, 'tmp');
  mkdirSync(scratch, { mode: 0o1777 });
  chmodSync(scratch, 0o1777);
  let path = found.path;
  if (found.wrap) {
    path = join(dir, 'sshd');
    writeFileSync(path, found.wrap, { mode: 0o755 });
  }
  const hostKey = join(dir, 'host_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  if (asRoot) chownSync(hostKey, 65534, 65534);
  const run = (argv: string[]) => {
    const full = asRoot ? ['runuser', '-u', 'nobody', '--', ...argv] : argv;
    const r = spawnSync(full[0]!, full.slice(1), { encoding: 'utf8', env: { ...process.env, TMPDIR: scratch } });
    return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
  };
  const probe = run([path, '-t', '-f', '/dev/null', '-o', `HostKey=${hostKey}`]);
  if (probe.code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return `sshd at ${found.path} does not run here: ${probe.out.trim()}`;
  }
  return { path, dir, hostKey, run, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
