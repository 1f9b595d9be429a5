/**
 * What every lab start needs on this machine: root, the machine packages, the rootfs, the client keys and
 * the local RPM repository. Idempotent and quick when everything is there.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { probeAccel } from './accel.js';
import { withLock } from './lock.js';
import { ensureKeyPair } from './keys.js';
import { labPaths, scripts } from './paths.js';
import { LabError, runOk } from './run.js';

export type Log = (message: string) => void;

export function assertRoot(): void {
  if (process.getuid?.() !== 0) {
    throw new LabError(
      'the lab needs root (it mounts overlays and starts hosts in new namespaces); run it as root, e.g. `sudo npm run lab -- up`',
    );
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

/** A digest of what goes into the RPM repository: build-repo.sh, its specs and the stand-ins it packages. */
async function repoSourcesKey(): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of [path.dirname(scripts.buildRepo), path.join(path.dirname(scripts.buildRepo), '../standins')]) {
    const files = (await fs.readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    for (const f of files.map((e) => path.join(e.parentPath, e.name)).sort()) hash.update(f).update(await fs.readFile(f));
  }
  return hash.digest('hex');
}

/**
 * Build the local RPM repository (the stand-ins' build-repo.sh) into `.lab/repo`, unless it was built from the same
 * sources. Why not always: running hosts (groups of another test run from this checkout) bind `.lab/repo`, and a
 * rebuild replaces the directory under them, so their dnf would see an empty repository.
 */
export async function buildRepo(log: Log): Promise<void> {
  if (!(await exists(scripts.buildRepo))) {
    log(`lab: ${scripts.buildRepo} not found; hosts get an empty repository`);
    await fs.mkdir(labPaths.repo, { recursive: true });
    return;
  }
  const key = await repoSourcesKey();
  const keyFile = path.join(labPaths.repo, '.sources-key');
  if ((await fs.readFile(keyFile, 'utf8').catch(() => '')) === key) return;
  await fs.rm(labPaths.repo, { recursive: true, force: true });
  await runOk('bash', [scripts.buildRepo, labPaths.repo]);
  await fs.writeFile(keyFile, key);
}

export interface PrepareOptions {
  rebuildRootfs?: boolean;
  /** Rebuild the RPM repository when its sources changed (every `up` asks; an unchanged one is kept). */
  rebuildRepo?: boolean;
  log: Log;
  /** Show the progress of slow steps (package install, debootstrap) on stderr. */
  verbose?: boolean;
}

/** Serialised by a lock: two starters must never replace the rootfs or repo under each other. */
export async function prepareMachine(opts: PrepareOptions): Promise<void> {
  assertRoot();
  await fs.mkdir(labPaths.dir, { recursive: true });
  await withLock(
    `${labPaths.lock}.prepare`,
    async () => {
      await runOk('bash', [scripts.ensurePackages], { echoStderr: opts.verbose });
      const t0 = Date.now();
      await runOk('bash', [scripts.rootfs, labPaths.rootfs, ...(opts.rebuildRootfs ? ['--rebuild'] : [])], {
        echoStderr: opts.verbose,
      });
      opts.log(`lab: rootfs ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const t1 = Date.now();
      await runOk('bash', [scripts.guest, labPaths.guest], { echoStderr: opts.verbose });
      opts.log(`lab: VM guest ready in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
      const accel = await probeAccel();
      opts.log(accel.accel === 'kvm' ? 'lab: VMs run under KVM' : `lab: VMs run under TCG (${accel.why})`);
      await ensureKeyPair(labPaths.idLab, 'ovirt-floppy-lab root');
      await ensureKeyPair(labPaths.idUpload, 'ovirt-floppy-lab upload');
      if (opts.rebuildRepo || !(await exists(labPaths.repo))) await buildRepo(opts.log);
    },
    15 * 60_000,
  );
}
