/**
 * What every lab start needs on this machine: root, the machine packages, the rootfs, the client keys and
 * the local RPM repository. Idempotent and quick when everything is there.
 */
import fs from 'node:fs/promises';
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

/** Build the local RPM repository (the stand-ins' build-repo.sh) into `.lab/repo`. */
export async function buildRepo(log: Log): Promise<void> {
  await fs.rm(labPaths.repo, { recursive: true, force: true });
  if (!(await exists(scripts.buildRepo))) {
    log(`lab: ${scripts.buildRepo} not found; hosts get an empty repository`);
    await fs.mkdir(labPaths.repo, { recursive: true });
    return;
  }
  await runOk('bash', [scripts.buildRepo, labPaths.repo]);
}

export interface PrepareOptions {
  rebuildRootfs?: boolean;
  /** Rebuild the RPM repository even when it exists (every `up` does). */
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
      await ensureKeyPair(labPaths.idLab, 'ovirt-floppy-lab root');
      await ensureKeyPair(labPaths.idUpload, 'ovirt-floppy-lab upload');
      if (opts.rebuildRepo || !(await exists(labPaths.repo))) await buildRepo(opts.log);
    },
    15 * 60_000,
  );
}
