/**
 * The bench's fleet: 1 manager + N hypervisors + 1 sftp server, started with the lab's own building blocks
 * (test/lab: prepareMachine, bringUp, teardownHosts) but NOT as the default lab and NOT as a test group:
 *
 *  - `labUp()` begins with `labDown()`, which stops every lab host of this checkout (default lab and all test
 *    groups) — other engineers run tests on those while the bench runs.
 *  - Test groups take addresses from 127.0.3.1 upward, and so do the groups of every other checkout of the repo
 *    on this machine (CI copies), each with its own reservation list. A bench fleet of 202 hosts there collided
 *    at once while this was written: a group's sshds died with "Bind to port 22 on 127.0.3.2 failed: Address
 *    already in use" while another checkout's hosts answered on those addresses.
 *  - Anything mounted below `.lab/` makes `labDown()` of others fail ("still mounted after teardown").
 *
 * So the fleet lives in its own directory outside `.lab/` (FLEET_DIR) on its own range 127.0.250.x, and
 * 127.0.251.x above 252 hypervisors (bench/addresses.ts), that no lab allocator hands out (default lab 127.0.1.x
 * or 127.0.200–249.x, scale lab 127.0.2.x, groups from 127.0.3.1 upward), refuses to
 * start if any of its addresses already answers, and `stopFleet()` removes exactly its own hosts. A fleet left
 * by a crashed bench is cleaned at the next start (or with `npm run bench -- --cleanup`).
 *
 * The hypervisors look like the scale lab's (test/lab/default-hosts.ts): odd ones SELinux disabled, even ones
 * enforcing with virt_use_nfs off, all vdsm 4.30, so `apply` has real work before the fleet is converged.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bringUp, type GroupLayout } from '../test/lab/bring-up.js';
import type { HostSpec } from '../test/lab/host.js';
import { prepareMachine } from '../test/lab/prepare.js';
import type { LabHost } from '../test/lab/state.js';
import { hostDirsIn, removeUnmounted, teardownHosts } from '../test/lab/teardown.js';
import { sshAnswers } from '../test/lab/wait-ssh.js';
import { fleetAddresses, MAX_HYPERVISORS } from './addresses.js';

export const FLEET_DIR = path.join(os.tmpdir(), 'ovirt-floppy-bench-lab');
export { MAX_HYPERVISORS };

export interface Fleet extends GroupLayout {
  hosts: LabHost[];
  hypervisors: LabHost[];
}

const layout: GroupLayout = {
  dir: FLEET_DIR,
  hostsDir: path.join(FLEET_DIR, 'hosts'),
  exportDir: path.join(FLEET_DIR, 'exports', 'iso'),
  statePath: path.join(FLEET_DIR, 'state.json'),
  configPath: path.join(FLEET_DIR, 'ovirt-floppy.yaml'),
  knownHostsPath: path.join(FLEET_DIR, 'known_hosts'),
};
const ownerFile = path.join(FLEET_DIR, 'owner.pid');

export function fleetSpecs(hypervisors: number): { specs: HostSpec[]; nfsAddress: string } {
  const addresses = fleetAddresses(hypervisors);
  const nfsAddress = addresses.sftp;
  const specs: HostSpec[] = [
    { name: 'bmgr', role: 'manager', address: addresses.manager },
    ...addresses.hypervisors.map((address, i): HostSpec => ({
      name: `bhv${i + 1}`,
      role: 'hypervisor',
      address,
      hypervisor:
        i % 2 === 0 ? { vdsmVersion: '4.30', selinux: 'disabled' } : { vdsmVersion: '4.30', selinux: 'enforcing', virtUseNfs: false },
    })),
    { name: 'bsftp', role: 'sftp', address: nfsAddress },
  ];
  return { specs, nfsAddress };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0); // existence check only
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove a fleet a crashed bench left behind; refuses when its bench is still running. */
export async function cleanupStaleFleet(log: (m: string) => void): Promise<void> {
  const owner = Number(await fs.readFile(ownerFile, 'utf8').catch(() => ''));
  const exists = await fs.stat(FLEET_DIR).then(
    () => true,
    () => false,
  );
  if (!exists) return;
  if (owner > 0 && owner !== process.pid && alive(owner)) {
    throw new Error(`bench: another bench (PID ${owner}) owns ${FLEET_DIR}; not touching it`);
  }
  log(`bench: removing the fleet a previous bench left in ${FLEET_DIR}`);
  await teardownHosts(FLEET_DIR, await hostDirsIn(layout.hostsDir));
  await removeUnmounted(FLEET_DIR);
}

let running = false;

export async function startFleet(hypervisors: number, log: (m: string) => void, concurrency?: number): Promise<Fleet> {
  const { specs, nfsAddress } = fleetSpecs(hypervisors);
  await cleanupStaleFleet(log);
  const taken = (await Promise.all(specs.map(async (s) => ((await sshAnswers(s.address, 300)) ? s.address : undefined)))).filter(Boolean);
  if (taken.length > 0) throw new Error(`bench: something already answers on ${taken.join(', ')}; not starting a fleet over it`);
  await prepareMachine({ log });
  await fs.mkdir(FLEET_DIR, { recursive: true });
  await fs.writeFile(ownerFile, `${process.pid}\n`);
  running = true;
  const hosts = await bringUp(layout, specs, nfsAddress, concurrency);
  return { ...layout, hosts, hypervisors: hosts.filter((h) => h.role === 'hypervisor') };
}

/** Stop this process's fleet: kill its hosts by their recorded PIDs, unmount, delete (idempotent). */
export async function stopFleet(): Promise<void> {
  if (!running) return;
  running = false;
  await teardownHosts(FLEET_DIR, await hostDirsIn(layout.hostsDir));
  await removeUnmounted(FLEET_DIR);
}

/** Ctrl-C / SIGTERM during a run still tears the bench's own hosts down (and nothing else). */
export function installSignalTeardown(log: (m: string) => void, alsoOnExit: () => void): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      log(`bench: ${signal}: stopping the bench's lab hosts`);
      stopFleet()
        .catch((err: unknown) => log(`bench: teardown failed: ${(err as Error).message}`))
        .finally(() => {
          alsoOnExit();
          process.exit(130);
        });
    });
  }
}
