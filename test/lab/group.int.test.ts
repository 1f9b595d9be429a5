/**
 * Disposable groups (issue #3 §5, "helpers start and stop extra disposable hosts"): fresh hosts on their own
 * 127.0.3.x addresses with their own export and config; `stop()` leaves no process, mount or file behind.
 */
import fs from 'node:fs/promises';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { labPaths, mountsUnder, sshRoot, startGroup } from './api.js';
import { isRunning } from './host-process.js';
import { allocateGroupAddresses } from './addresses.js';
import { assertAddressFree, listeningAddresses } from './own-listener.js';
import { hostInitPid } from './proc-net.js';
import { sshAnswers } from './wait-ssh.js';

describe('startGroup', () => {
  it('starts isolated fresh hosts and stop() removes every trace', async () => {
    // Two groups at once: their addresses and ids must not collide.
    const [g, h] = await Promise.all([
      startGroup({ manager: true, hypervisors: [{}, { selinux: 'enforcing', virtUseNfs: false }], sftp: true }),
      startGroup({ hypervisors: [{ vdsmVersion: '4.50' }] }),
    ]);
    let stopped = false;
    try {
      expect(g.id).not.toBe(h.id);
      const all = [...g.hosts, ...h.hosts];
      expect(new Set(all.map((x) => x.address)).size).toBe(all.length);
      for (const x of [...all.map((y) => y.address), g.nfsAddress, h.nfsAddress]) {
        expect(x).toMatch(/^127\.0\.([3-9]|[1-9]\d+)\.\d+$/);
      }
      expect(g.hosts.map((x) => x.role)).toEqual(['manager', 'hypervisor', 'hypervisor', 'sftp']);
      expect(g.nfsAddress).toBe(g.sftp!.address);

      // Every host answers with its own name, through the lab's shared known_hosts (strict checking).
      const names = await Promise.all(all.map((x) => sshRoot(x.address, 'hostname')));
      expect(names.map((r) => r.stdout.trim())).toEqual(all.map((x) => x.name));

      // Its own config, in the lab's shape, pointing at its own hosts and known_hosts.
      const config = parse(await fs.readFile(g.configPath, 'utf8')) as {
        ssh: { knownHostsFile: string };
        manager: { host: string };
        hypervisors: Array<{ host: string }>;
        sftp: { host: string };
        floppy: { clientPath: string };
      };
      expect(config.ssh.knownHostsFile).toBe(g.knownHostsPath);
      expect(config.manager.host).toBe(g.manager!.address);
      expect(config.hypervisors.map((x) => x.host)).toEqual(g.hypervisors.map((x) => x.address));
      expect(config.floppy.clientPath).toBe(`/rhev/data-center/mnt/${g.nfsAddress}:_exports_iso/floppy`);

      // Its own shared export: a file written on its sftp host shows on its hypervisor, not in another group.
      expect((await sshRoot(g.sftp!.address, 'echo g > /exports/iso/group.txt')).code).toBe(0);
      const hv = await sshRoot(g.hypervisors[0]!.address, `cat /.lab/nfs/${g.nfsAddress}/exports/iso/group.txt`);
      expect(hv.stdout).toBe('g\n');
      await expect(fs.access(`${h.exportDir}/group.txt`)).rejects.toThrow();

      const pids = await Promise.all(g.hosts.map(async (x) => [x.pid, await hostInitPid(x.pid)]));
      await g.stop();
      stopped = true;

      expect(await mountsUnder(g.dir)).toEqual([]);
      for (const pid of pids.flat()) expect(await isRunning(pid)).toBe(false);
      for (const x of g.hosts) expect(await sshAnswers(x.address, 500)).toBe(false);
      await expect(fs.access(g.dir)).rejects.toThrow();
      const knownHosts = await fs.readFile(labPaths.knownHosts, 'utf8');
      for (const x of g.hosts) expect(knownHosts).not.toContain(`${x.address} `);
      // The other group is untouched.
      expect((await sshRoot(h.hypervisors[0]!.address, 'hostname')).stdout.trim()).toBe(h.hypervisors[0]!.name);
    } finally {
      if (!stopped) await g.stop();
      await h.stop();
    }
    expect(await mountsUnder(h.dir)).toEqual([]);
  });

  it('starts fresh: a change made in one group is gone in the next', async () => {
    const a = await startGroup({ hypervisors: [{}] });
    try {
      expect((await sshRoot(a.hypervisors[0]!.address, 'touch /root/dirty')).code).toBe(0);
    } finally {
      await a.stop();
    }
    const b = await startGroup({ hypervisors: [{}] });
    try {
      expect((await sshRoot(b.hypervisors[0]!.address, 'test -e /root/dirty')).code).toBe(1);
    } finally {
      await b.stop();
    }
  });

  it('never takes an address something else listens on (another lab, another checkout)', async () => {
    // The address a new group would get next, taken by a foreign listener on another port.
    const next = allocateGroupAddresses(1, await listeningAddresses())[0]!;
    const squatter = net.createServer();
    await new Promise<void>((r) => squatter.listen(2222, next, r));
    try {
      await expect(assertAddressFree(next)).rejects.toThrow(/already in use/);
      const g = await startGroup({ hypervisors: [{}] });
      try {
        expect([...g.hosts.map((h) => h.address), g.nfsAddress]).not.toContain(next);
      } finally {
        await g.stop();
      }
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });
});
