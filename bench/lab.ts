/**
 * The bench's fleet: 1 manager + N hypervisors + 1 sftp server, started as a lab *group* (test/lab/group.ts),
 * not as the default lab. Why a group: `labUp()` first runs `labDown()`, which stops EVERY lab host of this
 * checkout (the default lab and every test group), and other engineers run tests on those while the bench runs.
 * A group gets its own addresses (127.0.3.1 upward, reserved under the lab lock), its own export, config and
 * known_hosts, and `stop()` removes only its own hosts. The hypervisors look like the scale lab's
 * (test/lab/default-hosts.ts): odd ones SELinux disabled, even ones enforcing with virt_use_nfs off, all vdsm 4.30,
 * so `apply` has real work to do before the fleet is converged.
 *
 * Hazard (not ours to fix, see README): somebody else's `npm run lab -- up|down` or the integration tests'
 * global setup call labDown(), which would stop this group too; the bench then fails loudly (unreachable hosts).
 */
import { startGroup, type LabGroup } from '../test/lab/api.js';
import type { HypervisorOptions } from '../test/lab/host.js';

export function fleetSpec(hypervisors: number): { manager: true; sftp: true; hypervisors: HypervisorOptions[] } {
  return {
    manager: true,
    sftp: true,
    hypervisors: Array.from({ length: hypervisors }, (_, i): HypervisorOptions =>
      i % 2 === 0 ? { vdsmVersion: '4.30', selinux: 'disabled' } : { vdsmVersion: '4.30', selinux: 'enforcing', virtUseNfs: false },
    ),
  };
}

let running: LabGroup | undefined;

/** Stop the group this process started (idempotent); used by `finally` and by the signal handlers. */
export async function stopFleet(): Promise<void> {
  const g = running;
  running = undefined;
  if (g) await g.stop();
}

export async function startFleet(hypervisors: number): Promise<LabGroup> {
  if (running) throw new Error('bench: a fleet is already running in this process');
  running = await startGroup(fleetSpec(hypervisors));
  return running;
}

/** Ctrl-C / SIGTERM during a run still tears the bench's own hosts down (and nothing else). */
export function installSignalTeardown(log: (m: string) => void): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      log(`bench: ${signal}: stopping the bench's lab hosts`);
      stopFleet()
        .catch((err: unknown) => log(`bench: teardown failed: ${(err as Error).message}`))
        .finally(() => process.exit(130));
    });
  }
}
