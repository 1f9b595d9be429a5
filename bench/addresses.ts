/**
 * The bench fleet's addresses (pure). The bench has its own loopback range that no lab allocator hands out
 * (test/lab/addresses.ts: default lab 127.0.1.x or 127.0.200–249.x, scale lab 127.0.2.x, test groups from
 * 127.0.3.1 upward): 127.0.250.x, and from the 253rd hypervisor on 127.0.251.x (issue #17: 400 hypervisors, one
 * engine's scale limit). Host octets 1…254 only (no .0 network or .255 broadcast look-alikes), nothing outside
 * 127.0.0.0/8, ever.
 *
 *   127.0.250.1            manager
 *   127.0.250.2            sftp server (also the "NFS" server the hypervisors mount)
 *   127.0.250.3 … .254     hypervisors 1…252
 *   127.0.251.1 … .254     hypervisors 253…506
 */

export const FLEET_NETS = [250, 251] as const;
const FIRST_HYPERVISOR_OCTET = 3;
const LAST_HOST_OCTET = 254;

/** How many hypervisors the two /24s hold after the manager and the sftp server; the bench allows 500. */
export const ADDRESS_CAPACITY = LAST_HOST_OCTET - FIRST_HYPERVISOR_OCTET + 1 + LAST_HOST_OCTET;
export const MAX_HYPERVISORS = 500;

export interface FleetAddresses {
  manager: string;
  sftp: string;
  hypervisors: string[];
}

function inFleetRange(address: string): boolean {
  const m = /^127\.0\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!m) return false;
  const [net, host] = [Number(m[1]), Number(m[2])];
  return (FLEET_NETS as readonly number[]).includes(net) && host >= 1 && host <= LAST_HOST_OCTET;
}

/** The i-th hypervisor's address (0-based). */
export function hypervisorAddress(i: number): string {
  if (!Number.isInteger(i) || i < 0 || i >= ADDRESS_CAPACITY) throw new RangeError(`bench: no fleet address for hypervisor index ${i}`);
  const firstNetCount = LAST_HOST_OCTET - FIRST_HYPERVISOR_OCTET + 1;
  return i < firstNetCount ? `127.0.${FLEET_NETS[0]}.${FIRST_HYPERVISOR_OCTET + i}` : `127.0.${FLEET_NETS[1]}.${i - firstNetCount + 1}`;
}

export function fleetAddresses(hypervisors: number): FleetAddresses {
  if (!Number.isInteger(hypervisors) || hypervisors < 1 || hypervisors > MAX_HYPERVISORS) {
    throw new RangeError(`bench: hypervisor count must be 1…${MAX_HYPERVISORS}, got ${hypervisors}`);
  }
  const out: FleetAddresses = {
    manager: `127.0.${FLEET_NETS[0]}.1`,
    sftp: `127.0.${FLEET_NETS[0]}.2`,
    hypervisors: Array.from({ length: hypervisors }, (_, i) => hypervisorAddress(i)),
  };
  // Belt and braces: every address is one of the bench's own loopback addresses.
  for (const a of [out.manager, out.sftp, ...out.hypervisors]) {
    if (!inFleetRange(a)) throw new RangeError(`bench: ${a} is outside the bench's loopback range`);
  }
  return out;
}
