/**
 * Make sure a lab host's port 22 is really that host's sshd. Every lab of this machine (other checkouts too)
 * shares the loopback range, and a banner on ADDRESS:22 proves nothing about who sent it: a host whose sshd
 * failed to bind ("Address already in use") would look up. So an address must be free before a host starts,
 * and the host counts as up only when the listening socket belongs to its own sshd (the host's PID 1).
 */
import { assertLoopback } from './addresses.js';
import { isRunning } from './host-process.js';
import { hostInitPid, readSockets, socketInodes } from './proc-net.js';
import { LabError } from './run.js';
import { sshAnswers } from './wait-ssh.js';

const TCP_LISTEN = '0A';

/** Addresses that have a listening TCP socket on any port. */
export async function listeningAddresses(): Promise<Set<string>> {
  const sockets = await readSockets();
  return new Set(sockets.filter((s) => s.proto.startsWith('tcp') && s.state === TCP_LISTEN).map((s) => s.local.replace(/^::ffff:/, '')));
}

export async function assertAddressFree(address: string): Promise<void> {
  assertLoopback(address);
  const busy = (await readSockets()).filter(
    (s) => s.proto.startsWith('tcp') && s.state === TCP_LISTEN && s.local.replace(/^::ffff:/, '') === address,
  );
  if (busy.length > 0) {
    throw new LabError(
      `${address} is already in use (listening on port ${busy.map((s) => s.localPort).join(', ')}): ` +
        'another lab on this machine (another checkout?) or a host left over; stop it first',
    );
  }
}

/** Whether the host of `unsharePid` runs and its own sshd (the host's PID 1) listens on ADDRESS:22. */
export async function ownsSshListener(address: string, unsharePid: number): Promise<boolean> {
  const init = await hostInitPid(unsharePid).catch(() => undefined);
  if (init === undefined) return false;
  const inodes = new Set(await socketInodes(init));
  return (await readSockets()).some(
    (s) => s.proto === 'tcp' && s.state === TCP_LISTEN && s.local === address && s.localPort === 22 && inodes.has(s.inode),
  );
}

/** 'up' once the host's own sshd listens on ADDRESS:22 and answers; 'died' when the host ended first. */
export async function waitForOwnSshd(address: string, unsharePid: number, timeoutMs: number): Promise<'up' | 'died' | 'timeout'> {
  assertLoopback(address);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isRunning(unsharePid))) return 'died';
    if ((await ownsSshListener(address, unsharePid)) && (await sshAnswers(address, 2_000))) return 'up';
    await new Promise((r) => setTimeout(r, 30));
  }
  return 'timeout';
}
