/**
 * Group address reservations, machine-wide (/run/ovirt-floppy-lab/groups/*.json, one per running group of any
 * checkout), taken under a machine-wide lock. A reservation whose group directory is gone is stale (its
 * checkout's `lab down` removed the group) and ignored. Addresses with a listening socket are skipped too,
 * whoever holds them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { allocateGroupAddresses } from './addresses.js';
import { withLock } from './lock.js';
import { listeningAddresses } from './own-listener.js';
import { machinePaths } from './paths.js';

interface Reservation {
  dir: string;
  addresses: string[];
}

function fileFor(groupDir: string): string {
  return path.join(machinePaths.reservations, `${createHash('sha256').update(groupDir).digest('hex').slice(0, 16)}.json`);
}

async function liveReservations(): Promise<Reservation[]> {
  const names = await fs.readdir(machinePaths.reservations).catch(() => [] as string[]);
  const out: Reservation[] = [];
  for (const n of names) {
    const file = path.join(machinePaths.reservations, n);
    const r = await fs
      .readFile(file, 'utf8')
      .then((t) => JSON.parse(t) as Reservation)
      .catch(() => undefined);
    const live =
      r !== undefined &&
      (await fs.access(r.dir).then(
        () => true,
        () => false,
      ));
    if (live) out.push(r);
    else await fs.rm(file, { force: true });
  }
  return out;
}

/** Reserve `count` addresses for the group at `groupDir`; `create` makes that directory under the lock. */
export async function reserveAddresses(groupDir: string, count: number, create: () => Promise<void>): Promise<string[]> {
  await fs.mkdir(machinePaths.reservations, { recursive: true });
  return withLock(machinePaths.lock, async () => {
    const used = await listeningAddresses();
    for (const r of await liveReservations()) for (const a of r.addresses) used.add(a);
    const addresses = allocateGroupAddresses(count, used);
    await create();
    await fs.writeFile(fileFor(groupDir), `${JSON.stringify({ dir: groupDir, addresses })}\n`);
    return addresses;
  });
}

export async function releaseAddresses(groupDir: string): Promise<void> {
  await fs.rm(fileFor(groupDir), { force: true });
}
