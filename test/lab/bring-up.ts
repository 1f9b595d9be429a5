/**
 * Start a set of hosts that belong together (the default lab, or one test group) and write what tools and
 * tests need to reach them: the known_hosts lines, the state file and the ready-made config.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { wireEngine } from './engine-wiring.js';
import { labConfig, writeConfig } from './config-file.js';
import { startHost, type HostSpec } from './host.js';
import { labPaths } from './paths.js';
import { mapLimit } from './pool.js';
import { LabError, runOk } from './run.js';
import type { LabHost } from './state.js';
import { writeState } from './state.js';
import { teardownHosts } from './teardown.js';
import { waitForEngine } from './wait-engine.js';

export interface GroupLayout {
  /** Everything of the group lies below this directory (teardown scope). */
  dir: string;
  hostsDir: string;
  exportDir: string;
  statePath: string;
  configPath: string;
  knownHostsPath: string;
}

/** Host starts run concurrently; each is a few mounts, a key and the stand-ins' installer (CPU-bound). */
export const DEFAULT_CONCURRENCY = 16;

/** The fstype `findmnt` reports for a bind of `dir`: the filesystem that holds it. */
async function bindFsType(dir: string): Promise<string> {
  return (await runOk('findmnt', ['-no', 'FSTYPE', '-T', dir])).trim();
}

export async function bringUp(
  layout: GroupLayout,
  specs: readonly HostSpec[],
  nfsAddress: string,
  concurrency = DEFAULT_CONCURRENCY,
): Promise<LabHost[]> {
  await fs.mkdir(layout.hostsDir, { recursive: true });
  await fs.mkdir(layout.exportDir, { recursive: true });
  const ctx = { hostsDir: layout.hostsDir, exportDir: layout.exportDir, nfsAddress };
  let hosts: LabHost[];
  try {
    hosts = await mapLimit(specs, concurrency, (spec) => startHost(ctx, spec));
    for (const m of hosts.filter((h) => h.role === 'manager')) {
      if (!(await waitForEngine(m))) throw new LabError(`engine stand-in on ${m.name} (${m.address}) never became healthy`);
    }
  } catch (err) {
    // Every started host (and half-started one) goes again; the caller sees the first failure.
    await teardownHosts(
      layout.dir,
      specs.map((s) => path.join(layout.hostsDir, s.name)),
    ).catch(() => {});
    throw err;
  }

  const lines = await Promise.all(specs.map((s) => fs.readFile(path.join(layout.hostsDir, s.name, 'known_hosts'), 'utf8')));
  await fs.writeFile(layout.knownHostsPath, lines.join(''));
  await writeState(layout.statePath, { hosts });
  const uploadPublicKey = (await fs.readFile(`${labPaths.idUpload}.pub`, 'utf8')).trim();
  const manager = hosts.find((h) => h.role === 'manager');
  const engine = manager
    ? await wireEngine(
        manager,
        hosts.filter((h) => h.role === 'hypervisor'),
        layout.dir,
      )
    : undefined;
  const config = labConfig({
    manager,
    engine,
    hypervisors: hosts.filter((h) => h.role === 'hypervisor'),
    sftp: hosts.find((h) => h.role === 'sftp'),
    nfsAddress,
    bindFsType: await bindFsType(layout.exportDir),
    idLab: labPaths.idLab,
    knownHostsFile: layout.knownHostsPath,
    idUpload: labPaths.idUpload,
    uploadPublicKey,
  });
  await writeConfig(layout.configPath, config);
  return hosts;
}
