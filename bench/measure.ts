/**
 * One timed command: wall time from this process (hrtime around the child's whole life), and peak RSS plus
 * user/system CPU from GNU time (`/usr/bin/time -v`, installed by the bench when missing). For a command that
 * forks (xargs → ssh, ansible-playbook → workers) GNU time reports the largest single process's peak RSS
 * (getrusage RUSAGE_CHILDREN), not a sum; CPU is the sum over every waited-for descendant. Also records how
 * busy the whole machine was meanwhile (/proc/stat), because other engineers' tests share the 2 cores.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export function ensureGnuTime(log: (m: string) => void): void {
  if (fs.existsSync(GNU_TIME)) return;
  log('bench: /usr/bin/time not found; installing Debian package time (apt-get)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const r = spawnSync('apt-get', ['install', '-y', '-q', 'time'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (r.status !== 0 || !fs.existsSync(GNU_TIME)) throw new Error('bench: could not install GNU time');
}

export interface Sample {
  wallMs: number;
  rssMb: number;
  /** user + system CPU of the command and all its waited-for descendants (this machine only). */
  cpuMs: number;
  exitCode: number;
  /** Share of the machine's CPU time (all cores) that was busy during the run, 0…1 (includes this command). */
  machineBusy: number;
  stdoutFile: string;
  stderrFile: string;
}

function cpuTicks(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

function field(text: string, label: string): number {
  const m = new RegExp(`${label.replace(/[()]/g, '\\$&')}:\\s*([\\d.]+)`).exec(text);
  return m ? Number(m[1]) : NaN;
}

export interface RunSpec {
  argv: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Files for the command's stdout/stderr (kept for checks and post-mortems). */
  outPrefix: string;
  stdinFile?: string;
  timeoutMs?: number;
}

/** Process groups of the commands still running: detached, so they do not die with the bench unless it ends them. */
const running = new Set<number>();
process.on('exit', () => running.forEach(killGroup));

/** SIGKILL to the process group `pgid` leads; a group already gone is fine. */
function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export function timed(spec: RunSpec): Promise<Sample> {
  const timeFile = `${spec.outPrefix}.time`;
  const stdoutFile = `${spec.outPrefix}.out`;
  const stderrFile = `${spec.outPrefix}.err`;
  const out = fs.openSync(stdoutFile, 'w');
  const err = fs.openSync(stderrFile, 'w');
  const input = spec.stdinFile ? fs.openSync(spec.stdinFile, 'r') : 'ignore';
  const before = cpuTicks();
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    // Its own process group: a timeout must end the measured command too, not only GNU time (2026-12-04, 400
    // hypervisors: killing `time` alone left ansible-playbook running on, against a fleet the bench was stopping).
    const child = spawn(GNU_TIME, ['-v', '-o', timeFile, ...spec.argv], {
      env: spec.env ?? process.env,
      cwd: spec.cwd,
      stdio: [input, out, err],
      detached: true,
    });
    if (child.pid) running.add(child.pid);
    // A run that hangs is killed with the group of the PID we spawned, and the promise rejects (no made-up sample).
    let timedOut = false;
    const timer = spec.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          if (child.pid) killGroup(child.pid);
        }, spec.timeoutMs)
      : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (child.pid) running.delete(child.pid);
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const after = cpuTicks();
      for (const fd of [out, err]) fs.closeSync(fd);
      if (typeof input === 'number') fs.closeSync(input);
      if (timedOut) {
        reject(
          new Error(
            `bench: ${spec.argv[0]} did not finish within ${Math.round(spec.timeoutMs! / 1000)} s (killed; outputs: ${stdoutFile})`,
          ),
        );
        return;
      }
      const t = fs.readFileSync(timeFile, 'utf8');
      const statusMatch = /Exit status:\s*(\d+)/.exec(t);
      resolve({
        wallMs,
        rssMb: field(t, 'Maximum resident set size (kbytes)') / 1024,
        cpuMs: (field(t, 'User time (seconds)') + field(t, 'System time (seconds)')) * 1000,
        exitCode: statusMatch ? Number(statusMatch[1]) : (code ?? -1),
        machineBusy: (after.busy - before.busy) / Math.max(1, after.total - before.total),
        stdoutFile,
        stderrFile,
      });
    });
  });
}

export function median(values: readonly number[]): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

export function machineInfo(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model,
    cores: cpus.length,
    memGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: os.release(),
    loadAvgAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    hostname: os.hostname(),
  };
}
