// Helpers for the stand-in unit tests: run a stand-in program locally with its state redirected into a
// temp dir (every stand-in takes LAB_* env overrides for its state paths), so no lab and no root are needed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const STANDINS = resolve(import.meta.dirname, '../../lab/standins');
export const RPM_DIR = resolve(import.meta.dirname, '../../lab/rpm');

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  input?: string;
  cwd?: string;
  timeoutMs?: number;
  argv0?: string;
}

/** Run a command to completion (bounded by a timeout) and capture its output. */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): RunResult {
  const r = spawnSync(cmd, args, {
    env: { ...process.env, ...opts.env },
    input: opts.input ?? '',
    cwd: opts.cwd,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 15_000,
    ...(opts.argv0 ? { argv0: opts.argv0 } : {}),
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** The system python3 (what the lab root has too); a version manager's shim on PATH only adds start-up time. */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Run one of the python stand-ins from test/lab/standins. */
export function py(script: string, args: readonly string[], opts: RunOptions = {}): RunResult {
  return run(PYTHON, [join(STANDINS, script), ...args], opts);
}

/** Start a command in the background; the caller must stop it (see `stop`). */
export function start(cmd: string, args: readonly string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Stop a child we started, by its own PID, and wait for it. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((res) => child.once('exit', () => res()));
  child.kill('SIGKILL');
  await done;
}

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A free TCP port on 127.0.0.1 (the lab binds only inside 127.0.0.0/8). */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

export function hasCommand(name: string): boolean {
  return run('sh', ['-c', `command -v ${name}`]).status === 0;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
