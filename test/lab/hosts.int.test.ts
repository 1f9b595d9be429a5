/**
 * The default lab (issue #3, "Must show"): four real sshd hosts, each reached with the real OpenSSH client
 * and strict host key checking against .lab/known_hosts, each in its own uts/pid/mount namespace.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { labPaths, readLabState, sshRoot, type LabState } from './api.js';
import { defaultLabAddress } from './addresses.js';

const MGR = defaultLabAddress(10);
const HV1 = defaultLabAddress(11);
const HV2 = defaultLabAddress(12);
const SFTP = defaultLabAddress(20);

let state: LabState;
beforeAll(async () => {
  state = await readLabState();
});

describe('default lab', () => {
  it('has the contract hosts on their loopback addresses', () => {
    expect(state.hosts.map((h) => [h.name, h.role, h.address])).toEqual([
      ['mgr', 'manager', MGR],
      ['hv1', 'hypervisor', HV1],
      ['hv2', 'hypervisor', HV2],
      ['sftp', 'sftp', SFTP],
    ]);
  });

  it('every host answers `hostname` with its own name over OpenSSH with StrictHostKeyChecking=yes', async () => {
    const results = await Promise.all(state.hosts.map((h) => sshRoot(h.address, 'hostname')));
    expect(results.map((r) => [r.code, r.stdout.trim()])).toEqual(state.hosts.map((h) => [0, h.name]));
  });

  it('refuses a host whose key is not in the known_hosts file (strict checking is real)', async () => {
    const empty = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'lab-kh-')), 'known_hosts');
    await fs.writeFile(empty, '');
    const host = state.hosts[0]!;
    const r = await sshRoot(host.address, 'hostname', { knownHostsFile: empty });
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/Host key verification failed/);
    await fs.rm(path.dirname(empty), { recursive: true });
  });

  it('gives each host its own pid namespace with sshd as PID 1, and its own overlay root', async () => {
    const results = await Promise.all(
      state.hosts.map((h) => sshRoot(h.address, 'cat /proc/1/comm; readlink /proc/1/ns/pid; findmnt -no FSTYPE /')),
    );
    for (const r of results) expect(r.stdout.split('\n').slice(0, 3)).toEqual(['sshd', expect.stringMatching(/^pid:\[\d+\]$/), 'overlay']);
    const namespaces = new Set(results.map((r) => r.stdout.split('\n')[1]));
    expect(namespaces.size).toBe(state.hosts.length);
  });

  it('keeps a change on one host away from the others (separate overlays)', async () => {
    const [a, b] = state.hosts;
    const marker = `/root/lab-isolation-${process.pid}`;
    expect((await sshRoot(a!.address, `touch ${marker}`)).code).toBe(0);
    expect((await sshRoot(b!.address, `test -e ${marker}`)).code).toBe(1);
    expect((await sshRoot(a!.address, `rm ${marker}`)).code).toBe(0);
  });

  it('writes a config pointing the tool at the lab, with the fstype a hypervisor sees for the shared export', async () => {
    const config = parse(await fs.readFile(labPaths.config, 'utf8')) as {
      ssh: { knownHostsFile: string; identityFiles: string[] };
      manager: { host: string; name: string };
      hypervisors: Array<{ host: string; name: string }>;
      sftp: { host: string; authorizedKeys: string[]; uploadIdentityFile: string };
      floppy: { clientPath: string; sharedFsTypes: string[] };
    };
    expect(config.ssh.knownHostsFile).toBe(labPaths.knownHosts);
    expect(config.ssh.identityFiles).toEqual([labPaths.idLab]);
    expect(config.manager).toMatchObject({ host: MGR, name: 'mgr' });
    expect(config.hypervisors).toEqual([
      { host: HV1, name: 'hv1' },
      { host: HV2, name: 'hv2' },
    ]);
    expect(config.sftp.authorizedKeys).toEqual([(await fs.readFile(`${labPaths.idUpload}.pub`, 'utf8')).trim()]);
    expect(config.floppy.clientPath).toBe(`/rhev/data-center/mnt/${SFTP}:_exports_iso/floppy`);
    // The lab binds the group's export into every hypervisor; mount.nfs turns the NFS mount into that bind.
    const r = await sshRoot(HV1, `findmnt -no FSTYPE /.lab/nfs/${SFTP}/exports/iso`);
    expect(r.code).toBe(0);
    expect(config.floppy.sharedFsTypes).toEqual(expect.arrayContaining(['nfs', 'nfs4', r.stdout.trim()]));
  });

  it('shares one export directory between the sftp host and the hypervisors', async () => {
    const name = `lab-share-${process.pid}.txt`;
    await fs.writeFile(path.join(labPaths.defaultExport, name), 'shared\n');
    try {
      for (const [address, dir] of [
        [SFTP, '/exports/iso'],
        [HV1, `/.lab/nfs/${SFTP}/exports/iso`],
        [HV2, `/.lab/nfs/${SFTP}/exports/iso`],
      ] as const) {
        expect((await sshRoot(address, `cat ${dir}/${name}`)).stdout).toBe('shared\n');
      }
    } finally {
      await fs.rm(path.join(labPaths.defaultExport, name));
    }
  });

  it('mounts the RPM repository read-only in every host', async () => {
    for (const h of state.hosts) {
      const r = await sshRoot(h.address, 'findmnt -no OPTIONS /.lab/repo; touch /.lab/repo/x');
      expect(r.stdout.split(',')[0]).toBe('ro');
      expect(r.code).not.toBe(0);
    }
  });
});
