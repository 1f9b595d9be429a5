/**
 * C: Ansible. Installs Debian's ansible-core when it is missing (the bench's own tool; CI never runs the bench),
 * writes the inventory (hosts and the audit's variables, taken from the tool's own config) and an ansible.cfg
 * (forks = the bench's concurrency, pipelining on, host keys checked against the fleet's known_hosts), and reads
 * the PLAY RECAP back so the bench can prove the playbook passes on the converged fleet (0 failed asserts,
 * 0 changed), i.e. that it really is the same audit.
 *
 * ssh_args stay Ansible's defaults (`-C -o ControlMaster=auto -o ControlPersist=60s`): every task after the
 * first reuses the host's master connection, Ansible's best case. The masters outlive ansible-playbook by 60 s,
 * so after each timed run the bench asks each one to exit (`ssh -O exit` on its socket), so no run starts warm.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Config } from '../src/config/types.js';
import { repoRoot } from './build.js';

export const PLAYBOOK = path.join(repoRoot, 'bench', 'ansible', 'audit.yml');
/** The setup workload (issue #17): applied, not --check; needs ansible.posix (mount, authorized_key). */
export const SETUP_PLAYBOOK = path.join(repoRoot, 'bench', 'ansible', 'setup.yml');

/** What to tell whoever runs the bench when Ansible cannot be had (no root, no Debian, apt failing). */
export const ANSIBLE_HINT =
  "install Debian's ansible package (ansible-core + the collections, incl. ansible.posix for setup.yml): " +
  '`apt-get install --no-install-recommends ansible`; or run the bench with --ansible-reps 0 --no-validate-ansible --no-ansible-setup';

export function ansibleVersion(): string | undefined {
  const r = spawnSync('ansible-playbook', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0]?.trim() : undefined;
}

/** ansible.posix is a collection, not part of ansible-core: Debian's `ansible` package ships it. */
export function hasAnsiblePosix(): boolean {
  const r = spawnSync('ansible-doc', ['-t', 'module', 'ansible.posix.mount', '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  return r.status === 0;
}

/**
 * `apt-get install ansible` (Debian's package: ansible-core + collections) when ansible-playbook or ansible.posix
 * is missing (root only; the bench runs as root anyway). On failure the error carries ANSIBLE_HINT.
 */
export function ensureAnsible(log: (m: string) => void): string {
  const have = ansibleVersion();
  if (have && hasAnsiblePosix()) return have;
  log(
    `bench: ${have ? 'ansible.posix (collection) not found' : 'ansible-playbook not found'}; installing Debian's ansible package (apt-get)`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-q'],
    ['install', '-y', '-q', '--no-install-recommends', 'ansible'],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) throw new Error(`bench: apt-get ${args.join(' ')} failed (exit ${r.status}); ${ANSIBLE_HINT}`);
  }
  const v = ansibleVersion();
  if (!v || !hasAnsiblePosix())
    throw new Error(`bench: Ansible installed but ansible-playbook or ansible.posix does not run; ${ANSIBLE_HINT}`);
  return v;
}

function chrootPaths(dir: string): string[] {
  const parts = dir.split('/').filter((p) => p !== '');
  return ['/', ...parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`)];
}

export interface AnsibleSetup {
  dir: string;
  inventory: string;
  env: NodeJS.ProcessEnv;
  /** C: the audit, `--check`. */
  argv: string[];
  /** The setup workload: setup.yml applied. */
  setupArgv: string[];
  controlDir: string;
}

/** The tool's own hook files, rendered for this config (what hypervisor-bundled-hook compares against). */
export interface HookFile {
  path: string;
  content: string;
}

export function writeAnsibleSetup(
  workDir: string,
  config: Config,
  knownHosts: string,
  identity: string,
  forks: number,
  hookFiles: HookFile[],
): AnsibleSetup {
  const dir = path.join(workDir, 'ansible');
  const controlDir = path.join(dir, 'cp');
  fs.mkdirSync(controlDir, { recursive: true });
  fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  const hooksDir = path.join(dir, 'hooks');
  fs.mkdirSync(hooksDir, { recursive: true });
  const bundledHookFiles = hookFiles.map((f, i) => {
    const src = path.join(hooksDir, `${i}-${path.basename(f.path)}`);
    fs.writeFileSync(src, f.content);
    return { src, dest: f.path };
  });
  const host = (h: { host: string }) => ({ ansible_host: h.host });
  const sftp = config.sftp;
  const manager = config.manager;
  if (!sftp || !manager) throw new Error('bench: the fleet config needs a manager and an sftp server');
  const inventory = {
    all: {
      vars: {
        ansible_user: 'root',
        ansible_ssh_private_key_file: identity,
        ansible_python_interpreter: '/usr/bin/python3',
        ansible_ssh_common_args: `-o UserKnownHostsFile=${knownHosts} -o StrictHostKeyChecking=yes -o BatchMode=yes`,
        floppy_client_path: config.floppy.clientPath,
        floppy_server_path: config.floppy.serverPath,
        shared_fs_types: config.floppy.sharedFsTypes,
        property_regex: config.floppy.propertyRegex,
        health_url: manager.healthUrl,
        upload_user: sftp.uploadUser,
        chroot_dir: sftp.chrootDir,
        chroot_paths: chrootPaths(sftp.chrootDir),
        floppy_subdir: sftp.floppySubdir,
        authorized_keys: sftp.authorizedKeys,
        max_age_hours: config.floppy.maxAgeHours,
        bundled_hook_files: bundledHookFiles,
        // setup.yml: what the tool takes from its config (manager) and host facts (sshd's unit: `ssh` on the
        // lab's Debian-based sftp server, `sshd` on EL).
        engine_service: manager.engineService,
        restart_timeout: manager.restartTimeout,
        sshd_service: 'ssh',
      },
      children: {
        manager: { hosts: { [manager.name]: host(manager) } },
        hypervisors: { hosts: Object.fromEntries(config.hypervisors.map((h) => [h.name, host(h)])) },
        sftp: { hosts: { [sftp.name]: host(sftp) } },
      },
    },
  };
  const inventoryPath = path.join(dir, 'inventory.yml');
  fs.writeFileSync(inventoryPath, stringify(inventory));
  const cfg = [
    '[defaults]',
    `forks = ${forks}`,
    'host_key_checking = True',
    'retry_files_enabled = False',
    'interpreter_python = /usr/bin/python3',
    `local_tmp = ${path.join(dir, 'tmp')}`,
    '[ssh_connection]',
    'pipelining = True',
    `control_path_dir = ${controlDir}`,
    '',
  ].join('\n');
  const cfgPath = path.join(dir, 'ansible.cfg');
  fs.writeFileSync(cfgPath, cfg);
  return {
    dir,
    inventory: inventoryPath,
    controlDir,
    env: { ...process.env, ANSIBLE_CONFIG: cfgPath, ANSIBLE_NOCOLOR: '1', ANSIBLE_HOME: path.join(dir, 'home') },
    argv: ['ansible-playbook', '--check', '-i', inventoryPath, PLAYBOOK],
    setupArgv: ['ansible-playbook', '-i', inventoryPath, SETUP_PLAYBOOK],
  };
}

/** Ask every ControlPersist master of the last run to exit (by its socket; no process is signalled by name). */
export function closeControlMasters(setup: AnsibleSetup): number {
  let n = 0;
  for (const name of fs.readdirSync(setup.controlDir)) {
    const socket = path.join(setup.controlDir, name);
    spawnSync('ssh', ['-o', `ControlPath=${socket}`, '-O', 'exit', 'bench-control-master'], { stdio: 'ignore' });
    fs.rmSync(socket, { force: true });
    n++;
  }
  return n;
}

export interface Recap {
  hosts: number;
  /** Failed asserts (ignored) + changed + failed tasks, for hosts that have any: what the playbook reports as drift. */
  findingsPerHost: Record<string, number>;
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  ignored: number;
}

/** Sum the PLAY RECAP lines: `NAME : ok=12 changed=0 unreachable=0 failed=0 skipped=1 rescued=0 ignored=0`. */
export function parseRecap(stdout: string): Recap {
  const recap: Recap = { hosts: 0, findingsPerHost: {}, ok: 0, changed: 0, unreachable: 0, failed: 0, ignored: 0 };
  const at = stdout.lastIndexOf('PLAY RECAP');
  for (const line of stdout.slice(at < 0 ? stdout.length : at).split('\n')) {
    const m = /^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)\s+skipped=\d+\s+rescued=\d+\s+ignored=(\d+)/.exec(
      line,
    );
    if (!m) continue;
    recap.hosts++;
    const findings = Number(m[3]) + Number(m[6]) + Number(m[5]);
    if (findings > 0) recap.findingsPerHost[m[1]!] = findings;
    recap.ok += Number(m[2]);
    recap.changed += Number(m[3]);
    recap.unreachable += Number(m[4]);
    recap.failed += Number(m[5]);
    recap.ignored += Number(m[6]);
  }
  return recap;
}
