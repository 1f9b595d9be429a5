/**
 * The ready-made tool config for a set of lab hosts (`.lab/ovirt-floppy.yaml`, and one per group), in the
 * shape docs/dev/team-contract.md ("The lab") gives: strict host key checking against the lab's known_hosts.
 */
import fs from 'node:fs/promises';
import { stringify } from 'yaml';
import type { LabHost } from './state.js';

export interface ConfigInput {
  manager?: LabHost;
  hypervisors: LabHost[];
  sftp?: LabHost;
  /** The export's server address as hypervisors mount it (the sftp host's address). */
  nfsAddress: string;
  /** What `findmnt -no FSTYPE` reports for the bind that stands in for the NFS mount. */
  bindFsType: string;
  idLab: string;
  knownHostsFile: string;
  idUpload: string;
  uploadPublicKey: string;
  /** The engine stand-in's CA and admin password (engine-wiring.ts), when there is a manager. */
  engine?: { caFile: string; passwordFile: string };
}

export function labConfig(c: ConfigInput): Record<string, unknown> {
  const host = (h: LabHost): { host: string; name: string } => ({ host: h.address, name: h.name });
  const config: Record<string, unknown> = {
    ssh: { user: 'root', identityFiles: [c.idLab], knownHostsFile: c.knownHostsFile, agent: false, useSshConfig: false },
  };
  if (c.manager) {
    config.manager = { ...host(c.manager), healthUrl: `http://${c.manager.address}/ovirt-engine/services/health` };
  }
  config.hypervisors = c.hypervisors.map(host);
  if (c.manager && c.engine) {
    config.engineApi = {
      url: `https://${c.manager.address}/ovirt-engine/api`,
      user: 'admin@internal',
      passwordFile: c.engine.passwordFile,
      caFile: c.engine.caFile,
    };
  }
  if (c.sftp) {
    config.sftp = {
      ...host(c.sftp),
      uploadUser: 'sftp-floppy-upload',
      chrootDir: '/srv/floppy_chroot',
      floppySubdir: 'floppy',
      authorizedKeys: [c.uploadPublicKey],
      uploadIdentityFile: c.idUpload,
    };
  }
  // vdsm mounts SERVER:/PATH at /rhev/data-center/mnt/SERVER:_PATH (slashes become underscores).
  config.floppy = {
    serverPath: '/exports/iso/floppy',
    clientPath: `/rhev/data-center/mnt/${c.nfsAddress}:_exports_iso/floppy`,
    sharedFsTypes: [...new Set(['nfs', 'nfs4', c.bindFsType])],
    maxAgeHours: 24,
  };
  // The engine stand-in's dedicated test VM (test/lab/standins/engine/api_state.py).
  if (c.manager && c.engine) config.smoke = { vm: 'floppy-smoke' };
  return config;
}

export async function writeConfig(file: string, config: Record<string, unknown>): Promise<void> {
  const header = '# Written by the ovirt-floppy lab (test/lab); regenerated on every start.\n';
  await fs.writeFile(file, header + stringify(config, { lineWidth: 0 }));
}
