/**
 * Where the lab keeps its files. Everything lives in the git-ignored `.lab/` of this checkout, so two
 * checkouts never share hosts; only the rootfs tarball cache is machine-wide (/var/cache/ovirt-floppy-lab).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const repoRoot = path.resolve(here, '../..');
export const labDir = path.join(repoRoot, '.lab');

export const labPaths = {
  dir: labDir,
  rootfs: path.join(labDir, 'rootfs'),
  repo: path.join(labDir, 'repo'),
  /** The VM guest (kernel + initramfs, sh/guest.sh), bound read-only into every hypervisor at /.lab/guest. */
  guest: path.join(labDir, 'guest'),
  /** `kvm` or `tcg <why>`: how the lab's VMs run, decided by sh/kvm-probe.sh at every machine preparation. */
  accel: path.join(labDir, 'accel'),
  hosts: path.join(labDir, 'hosts'),
  groups: path.join(labDir, 'groups'),
  /** The default lab's shared ISO export (the "NFS" export of its sftp host). */
  defaultExport: path.join(labDir, 'default', 'exports', 'iso'),
  state: path.join(labDir, 'state.json'),
  config: path.join(labDir, 'ovirt-floppy.yaml'),
  knownHosts: path.join(labDir, 'known_hosts'),
  idLab: path.join(labDir, 'id_lab'),
  idUpload: path.join(labDir, 'id_upload'),
  lock: path.join(labDir, 'lock'),
} as const;

/**
 * Machine-wide (all checkouts): group address reservations and their lock, so that groups of two checkouts
 * never pick the same 127.0.3.x addresses.
 */
export const machinePaths = {
  dir: '/run/ovirt-floppy-lab',
  lock: '/run/ovirt-floppy-lab/lock',
  reservations: '/run/ovirt-floppy-lab/groups',
} as const;

export const scripts = {
  ensurePackages: path.join(here, 'sh', 'ensure-packages.sh'),
  rootfs: path.join(here, 'sh', 'rootfs.sh'),
  guest: path.join(here, 'sh', 'guest.sh'),
  kvmProbe: path.join(here, 'sh', 'kvm-probe.sh'),
  hostPrepare: path.join(here, 'sh', 'host-prepare.sh'),
  teardown: path.join(here, 'sh', 'teardown.sh'),
  /** Written by the stand-ins work (issue #3); optional until it exists. */
  buildRepo: path.join(here, 'rpm', 'build-repo.sh'),
} as const;
