/**
 * A private, frozen build of the tool for one bench run. Other engineers rebuild `dist/` of this checkout while
 * they work; a bench that ran `bin/ovirt-floppy.js` from there could measure half-written or changing code.
 * So the bench compiles src/ + checks/ once into a temp directory and runs the CLI from that snapshot.
 * Layout mirrors the package (the tool finds package.json and config.schema.json by walking up from dist/):
 *   <dir>/package.json  <dir>/config.schema.json  <dir>/node_modules -> repo's  <dir>/dist/...  <dir>/bin/ovirt-floppy.js
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Build {
  dir: string;
  /** `node <cli> check …` runs the snapshot's CLI. */
  cli: string;
  /** Import a module of the snapshot by its path below the package (e.g. `dist/src/runner/probe-host.js`). */
  importModule<T>(rel: string): Promise<T>;
  remove(): void;
}

export function snapshotBuild(log: (m: string) => void): Build {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovirt-floppy-bench-'));
  const t0 = Date.now();
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(repoRoot, 'tsconfig.build.json'), '--outDir', path.join(dir, 'dist')], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  // tsc emits even when it reports type errors (someone's work in progress); refuse only when nothing came out.
  const emitted = fs.existsSync(path.join(dir, 'dist', 'src', 'cli', 'main.js'));
  if (r.status !== 0 && !emitted) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`bench: building the tool failed (tsc exit ${r.status}):\n${(r.stdout + r.stderr).trim().slice(0, 4000)}`);
  }
  if (r.status !== 0)
    log(
      `bench: WARNING tsc reported errors (exit ${r.status}); measuring what it emitted:\n${(r.stdout + r.stderr).trim().slice(0, 1500)}`,
    );
  for (const f of ['package.json', 'config.schema.json']) fs.copyFileSync(path.join(repoRoot, f), path.join(dir, f));
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.copyFileSync(path.join(repoRoot, 'bin', 'ovirt-floppy.js'), path.join(dir, 'bin', 'ovirt-floppy.js'));
  log(`bench: built the tool into ${dir} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return {
    dir,
    cli: path.join(dir, 'bin', 'ovirt-floppy.js'),
    importModule: <T>(rel: string) => import(path.join(dir, rel)) as Promise<T>,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
