/**
 * Disposable host groups for tests that change hosts: each group gets fresh hosts (new overlays, so no
 * change survives `stop()`), its own addresses from 127.0.3.1 upward, its own shared export directory and
 * its own config file. Several groups, also from several processes, may run at once: ids and addresses are
 * handed out under locks, and addresses are reserved machine-wide (reservations.ts), so groups of different
 * checkouts never collide either.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { bringUp, type GroupLayout } from './bring-up.js';
import type { HostSpec, HypervisorOptions } from './host.js';
import { addKnownHosts, removeKnownHosts } from './known-hosts.js';
import { withLock } from './lock.js';
import { labPaths } from './paths.js';
import { prepareMachine } from './prepare.js';
import { currentOwner } from './group-owner.js';
import { releaseAddresses, reserveAddresses } from './reservations.js';
import { LabError } from './run.js';
import type { LabHost } from './state.js';
import { hostDirsIn, removeUnmounted, teardownHosts } from './teardown.js';

export interface GroupSpec {
  manager?: boolean;
  hypervisors?: HypervisorOptions[];
  sftp?: boolean;
}

export interface LabGroup extends GroupLayout {
  id: string;
  hosts: LabHost[];
  manager?: LabHost;
  hypervisors: LabHost[];
  sftp?: LabHost;
  /** Where hypervisors mount the export from: the sftp host's address (reserved even without an sftp host). */
  nfsAddress: string;
  /** Stop the hosts, unmount, delete the group's files and release its addresses. Safe to call twice. */
  stop(): Promise<void>;
}

interface Reservation {
  id: string;
  dir: string;
  addresses: string[];
}

/** A new group id and directory (under the checkout's lock) with machine-wide reserved addresses. */
async function reserve(count: number): Promise<Reservation> {
  return withLock(labPaths.lock, async () => {
    await fs.mkdir(labPaths.groups, { recursive: true });
    const ids = await fs.readdir(labPaths.groups);
    let n = 1;
    while (ids.includes(`g${n}`)) n++;
    const id = `g${n}`;
    const dir = path.join(labPaths.groups, id);
    const addresses = await reserveAddresses(dir, count, () => fs.mkdir(dir));
    await fs.writeFile(path.join(dir, 'group.json'), `${JSON.stringify({ addresses, owner: await currentOwner() })}\n`);
    return { id, dir, addresses };
  });
}

function groupSpecs(id: string, spec: GroupSpec, addresses: string[]): { specs: HostSpec[]; nfsAddress: string } {
  const next = (): string => {
    const a = addresses.shift();
    if (a === undefined) throw new LabError('internal: group address list exhausted');
    return a;
  };
  const specs: HostSpec[] = [];
  if (spec.manager) specs.push({ name: `${id}-mgr`, role: 'manager', address: next() });
  (spec.hypervisors ?? []).forEach((hv, i) =>
    specs.push({ name: `${id}-hv${i + 1}`, role: 'hypervisor', address: next(), hypervisor: hv }),
  );
  const nfsAddress = next();
  if (spec.sftp) specs.push({ name: `${id}-sftp`, role: 'sftp', address: nfsAddress });
  return { specs, nfsAddress };
}

export async function startGroup(spec: GroupSpec): Promise<LabGroup> {
  const hvCount = spec.hypervisors?.length ?? 0;
  if (!spec.manager && !spec.sftp && hvCount === 0) throw new LabError('startGroup: the spec asks for no host');
  await prepareMachine({ log: () => {} });
  const r = await reserve((spec.manager ? 1 : 0) + hvCount + 1);
  const layout: GroupLayout = {
    dir: r.dir,
    hostsDir: path.join(r.dir, 'hosts'),
    exportDir: path.join(r.dir, 'exports', 'iso'),
    statePath: path.join(r.dir, 'state.json'),
    configPath: path.join(r.dir, 'ovirt-floppy.yaml'),
    knownHostsPath: path.join(r.dir, 'known_hosts'),
  };
  const { specs, nfsAddress } = groupSpecs(r.id, spec, [...r.addresses]);
  let hosts: LabHost[];
  try {
    hosts = await bringUp(layout, specs, nfsAddress);
  } catch (err) {
    await removeUnmounted(r.dir).catch(() => {});
    await releaseAddresses(r.dir);
    throw err;
  }
  const knownHosts = await fs.readFile(layout.knownHostsPath, 'utf8');
  await addKnownHosts(knownHosts.split('\n').filter((l) => l !== ''));

  let stopped = false;
  return {
    ...layout,
    id: r.id,
    hosts,
    manager: hosts.find((h) => h.role === 'manager'),
    hypervisors: hosts.filter((h) => h.role === 'hypervisor'),
    sftp: hosts.find((h) => h.role === 'sftp'),
    nfsAddress,
    async stop() {
      if (stopped) return;
      stopped = true;
      await teardownHosts(r.dir, await hostDirsIn(layout.hostsDir));
      await removeKnownHosts(r.addresses);
      await removeUnmounted(r.dir);
      await releaseAddresses(r.dir);
    },
  };
}
