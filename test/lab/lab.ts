/** The default lab: `up` (after cleaning whatever an earlier run left), `down`, `status`. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { bringUp, DEFAULT_CONCURRENCY, type GroupLayout } from './bring-up.js';
import { defaultHostSpecs, SFTP_ADDRESS, type DefaultHostsOptions } from './default-hosts.js';
import { ownedByAnotherLiveProcess, type GroupOwner } from './group-owner.js';
import { labPaths } from './paths.js';
import { assertRoot, prepareMachine, type Log } from './prepare.js';
import { readStateFile, type LabHost, type LabState } from './state.js';
import { hostDirsIn, removeUnmounted, teardownHosts } from './teardown.js';
import { ownsSshListener } from './own-listener.js';
import { sshAnswers } from './wait-ssh.js';

export const defaultLayout: GroupLayout = {
  dir: labPaths.dir,
  hostsDir: labPaths.hosts,
  exportDir: labPaths.defaultExport,
  statePath: labPaths.state,
  configPath: labPaths.config,
  knownHostsPath: labPaths.knownHosts,
};

export interface LabUpOptions extends DefaultHostsOptions {
  rebuildRootfs?: boolean;
  concurrency?: number;
  /** Progress lines; silent by default. */
  log?: Log;
  verbose?: boolean;
}

export interface LabUpResult extends LabState {
  configPath: string;
  knownHostsPath: string;
  /** Milliseconds per phase, for the numbers in reports. */
  timings: { prepareMs: number; hostsMs: number };
}

/** Stop every lab host of this checkout (default lab and groups) and remove all host state; keeps the rootfs,
 *  the keys and the repository. Also what cleans up after a crashed run. */
/** The group directories to stop: all, or (by default) all but those another live process is testing on. */
async function groupsToStop(all: boolean): Promise<string[]> {
  const ids = await fs.readdir(labPaths.groups).catch(() => [] as string[]);
  const dirs = ids.map((g) => path.join(labPaths.groups, g));
  if (all) return dirs;
  const keep = await Promise.all(
    dirs.map(async (d) => {
      const meta = await fs.readFile(path.join(d, 'group.json'), 'utf8').catch(() => '{}');
      const owner = (JSON.parse(meta) as { owner?: GroupOwner }).owner;
      return ownedByAnotherLiveProcess(owner);
    }),
  );
  return dirs.filter((_, i) => !keep[i]);
}

/**
 * Stop the default lab and the test groups. Groups that another live process started stay (group-owner.ts says
 * why) unless `all` (the `lab down` command: the admin asked for everything).
 */
export async function labDown(opts: { all?: boolean } = {}): Promise<void> {
  assertRoot();
  const groupDirs = await groupsToStop(opts.all ?? false);
  const hostDirs = [
    ...(await hostDirsIn(labPaths.hosts)),
    ...(await Promise.all(groupDirs.map((g) => hostDirsIn(path.join(g, 'hosts'))))).flat(),
  ];
  await teardownHosts(labPaths.dir, hostDirs);
  for (const p of [labPaths.hosts, ...groupDirs, path.dirname(path.dirname(labPaths.defaultExport))]) {
    await removeUnmounted(p);
  }
  for (const f of [labPaths.state, labPaths.config, labPaths.knownHosts]) await fs.rm(f, { force: true });
}

export async function labUp(opts: LabUpOptions = {}): Promise<LabUpResult> {
  const log = opts.log ?? (() => {});
  const specs = defaultHostSpecs(opts); // validates the options before anything is touched
  const t0 = Date.now();
  await labDown();
  await prepareMachine({ rebuildRootfs: opts.rebuildRootfs, rebuildRepo: true, log, verbose: opts.verbose });
  const t1 = Date.now();
  log(`lab: starting ${specs.length} hosts`);
  const hosts = await bringUp(defaultLayout, specs, SFTP_ADDRESS, opts.concurrency ?? DEFAULT_CONCURRENCY);
  const t2 = Date.now();
  log(`lab: ${hosts.length} hosts up in ${((t2 - t1) / 1000).toFixed(1)} s (preparation ${((t1 - t0) / 1000).toFixed(1)} s)`);
  return {
    hosts,
    configPath: labPaths.config,
    knownHostsPath: labPaths.knownHosts,
    timings: { prepareMs: t1 - t0, hostsMs: t2 - t1 },
  };
}

export interface HostStatus extends LabHost {
  answers: boolean;
}

/** The default lab's hosts and whether each answers: its own sshd listens (not some other lab's on the same
 *  address) and sends its banner. Empty when the lab is not up. */
export async function labStatus(): Promise<HostStatus[]> {
  const state = await readStateFile(labPaths.state);
  if (!state) return [];
  return Promise.all(
    state.hosts.map(async (h) => ({
      ...h,
      answers: (await ownsSshListener(h.address, h.pid)) && (await sshAnswers(h.address, 1_000)),
    })),
  );
}
