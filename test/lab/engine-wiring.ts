/**
 * Connect a lab manager's engine stand-in to its group: which hypervisors it may start VMs on (the engine
 * re-reads hosts.json per start, so no restart), and the CA and admin password the tool's engineApi config
 * needs (made inside the manager's root at install time; see test/lab/standins/README.md).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { LabHost } from './state.js';

export interface EngineAccess {
  caFile: string;
  passwordFile: string;
}

export async function wireEngine(manager: LabHost, hypervisors: readonly LabHost[], dir: string): Promise<EngineAccess> {
  const hostsJson = { hosts: hypervisors.map((h) => ({ name: h.name, address: h.address })) };
  await fs.writeFile(path.join(manager.root, 'etc/lab-engine/hosts.json'), `${JSON.stringify(hostsJson, null, 2)}\n`);
  const caFile = path.join(dir, 'engine-ca.pem');
  const passwordFile = path.join(dir, 'engine-password');
  await fs.copyFile(path.join(manager.root, 'etc/pki/ovirt-engine/ca.pem'), caFile);
  await fs.copyFile(path.join(manager.root, 'etc/lab-engine/admin-password'), passwordFile);
  await fs.chmod(passwordFile, 0o600);
  return { caFile, passwordFile };
}
