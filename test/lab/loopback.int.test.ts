/**
 * "Nothing in the lab listens on or connects to an address outside 127.0.0.0/8" (issue #3, DESIGN §5):
 * every socket held by a process of a lab host, read from the kernel's tables, has a 127.x local address,
 * and a connected one a 127.x peer too.
 */
import { describe, expect, it } from 'vitest';
import { readLabState, sshRoot } from './api.js';
import { hostInitPid, isLoopbackV4, processesInPidNamespaceOf, readSockets, socketInodes } from './proc-net.js';

describe('lab network use', () => {
  it('lab hosts listen and connect on 127.0.0.0/8 only', async () => {
    const { hosts } = await readLabState();
    // Keep a session open meanwhile, so there is at least one connected socket to judge.
    const session = sshRoot(hosts[0]!.address, 'sleep 3');
    await new Promise((r) => setTimeout(r, 1_500));

    const inodes = new Map<number, string>();
    for (const h of hosts) {
      for (const pid of await processesInPidNamespaceOf(await hostInitPid(h.pid))) {
        for (const inode of await socketInodes(pid)) inodes.set(inode, h.name);
      }
    }
    const labSockets = (await readSockets()).filter((s) => inodes.has(s.inode));
    await session;

    const listening = labSockets.filter((s) => (s.proto.startsWith('tcp') ? s.state === '0A' : true));
    const connected = labSockets.filter((s) => s.proto.startsWith('tcp') && s.state === '01');
    // Every host's sshd listens on its own address, port 22.
    for (const h of hosts) {
      expect(listening.some((s) => s.local === h.address && s.localPort === 22 && inodes.get(s.inode) === h.name)).toBe(true);
    }
    expect(connected.length).toBeGreaterThan(0);
    expect(labSockets.filter((s) => !isLoopbackV4(s.local))).toEqual([]);
    expect(connected.filter((s) => !isLoopbackV4(s.remote))).toEqual([]);
  });
});
