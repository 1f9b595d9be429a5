/**
 * Lab addresses. Every lab host listens on its own loopback address, and nothing in the lab may bind or
 * connect outside 127.0.0.0/8 (DESIGN §5, lab-notes "Decision"): every address passes `assertLoopback`.
 *
 * Plan:  127.0.1.x  the default lab (mgr .10, hv1 .11, hv2 .12, sftp .20); OVIRT_FLOPPY_LAB_NET=N moves it to
 *                    127.0.N.x so that two checkouts on one machine can each run their default lab (N = 200…249)
 *        127.0.2.x  hypervisors of `up --hypervisors N` when N > 2 (hv1 = 127.0.2.1 … up to N = 250)
 *        127.0.3.1… test groups from `startGroup`, allocated upward, crossing into 127.0.4.x and beyond
 */

export class LabAddressError extends Error {}

const DOTTED = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isLoopback(address: string): boolean {
  const m = DOTTED.exec(address);
  return m !== null && m.slice(1).every((o) => Number(o) <= 255);
}

export function assertLoopback(address: string): string {
  if (!isLoopback(address)) {
    throw new LabAddressError(`refusing lab address ${JSON.stringify(address)}: not a 127.x.y.z loopback address`);
  }
  return address;
}

export const MAX_SCALE_HYPERVISORS = 250;

/**
 * The third octet of the default lab: 1, or OVIRT_FLOPPY_LAB_NET (200…249, far above the group range's usual
 * reach and below the bench fleet's 127.0.250.x) for a second checkout's lab on the same machine.
 */
export function defaultLabNet(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.OVIRT_FLOPPY_LAB_NET;
  if (raw === undefined || raw === '') return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 200 || n > 249) {
    throw new LabAddressError(`OVIRT_FLOPPY_LAB_NET must be an integer 200…249, got ${JSON.stringify(raw)}`);
  }
  return n;
}

/** An address of the default lab: `127.0.<net>.<host>`. */
export function defaultLabAddress(host: number): string {
  return `127.0.${defaultLabNet()}.${host}`;
}

/** Addresses of the default lab's hypervisors: the contract's two, or 127.0.2.1… for a scale lab. */
export function hypervisorAddresses(count: number): string[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_SCALE_HYPERVISORS) {
    throw new LabAddressError(`hypervisor count must be 0…${MAX_SCALE_HYPERVISORS}, got ${count}`);
  }
  if (count <= 2) return [defaultLabAddress(11), defaultLabAddress(12)].slice(0, count);
  if (defaultLabNet() !== 1) throw new LabAddressError('a scale lab (--hypervisors > 2) needs the default OVIRT_FLOPPY_LAB_NET');
  return Array.from({ length: count }, (_, i) => `127.0.2.${i + 1}`);
}

/** The first `count` addresses from 127.0.3.1 upward that are not in `used` (host octets 1…254 only). */
export function allocateGroupAddresses(count: number, used: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let b = 3; b <= 254 && out.length < count; b++) {
    for (let c = 1; c <= 254 && out.length < count; c++) {
      const a = `127.0.${b}.${c}`;
      if (!used.has(a)) out.push(a);
    }
  }
  if (out.length < count) throw new LabAddressError(`no free lab group addresses for ${count} hosts`);
  return out;
}
