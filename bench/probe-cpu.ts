/**
 * The probe script's own CPU on one host, measured ON that host: the script (exactly what the runner sends)
 * runs `iterations` times under one `sh -c` whose `times` builtin then prints the CPU of all its waited-for
 * children (user + sys, every process the script forked included; clock-tick resolution, hence many
 * iterations). The host's own pid namespace counter (/proc/loadavg, 5th field) gives the processes started per
 * run. Measured over OpenSSH, outside any timed run.
 *
 * Lab caveat, measured and reported separately: some tools the probes call are Python stand-ins in the lab
 * (test/lab/standins: getenforce, getsebool, engine-config…; ~30 ms of CPU each for the interpreter start) where
 * a real EL host has small C programs. Each fragment is also measured alone; fragments that call a stand-in are
 * flagged, and an estimate with those fragments costed like one small C program (`cat /dev/null`) is given
 * next to the raw number. The target is judged on the raw number; the README explains both.
 */
import { spawnSync } from 'node:child_process';
import type { Build } from './build.js';

type ProbeScriptModule = typeof import('../src/runner/probe-script.js');

const WRAPPER = [
  'S=$(cat); n=$1',
  'a=$(cut -d" " -f5 /proc/loadavg)',
  'i=0; while [ $i -lt $n ]; do printf "%s" "$S" | sh -s >/dev/null 2>&1; i=$((i+1)); done',
  'b=$(cut -d" " -f5 /proc/loadavg)',
  'echo "pids $a $b"; times',
].join('\n');

const STANDIN_PROBE =
  'for c in getenforce getsebool setsebool selinuxenabled engine-config systemctl virsh; do ' +
  'p=$(command -v "$c") || continue; f=$(readlink -f "$p"); head -c 200 "$f" | grep -q python && echo "$c"; done; true';

const STANDIN_MIN_MS = 15;

export interface ScriptCpu {
  /** CPU (user+sys) per run of the script, all its processes, in ms. */
  cpuMs: number;
  /** Processes per run, the `sh -s` itself included. */
  processes: number;
}

export interface FragmentCpu extends ScriptCpu {
  key: string;
  standIn: boolean;
}

export interface ProbeCpuReport {
  host: string;
  role: string;
  iterations: number;
  scriptBytes: number;
  commands: number;
  whole: ScriptCpu;
  fragments: FragmentCpu[];
  standIns: string[];
  /** Cost of one fragment running one small C program (`cat /dev/null`), the replacement for stand-in calls. */
  smallProgramMs: number;
  /** whole.cpuMs with every stand-in fragment costed as smallProgramMs instead. */
  cpuMsWithoutStandIns: number;
}

export function sshArgv(address: string, knownHosts: string, identity: string, command: string): string[] {
  return [
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `UserKnownHostsFile=${knownHosts}`,
    '-i',
    identity,
    `root@${address}`,
    command,
  ];
}

function remote(address: string, knownHosts: string, identity: string, command: string, input: string): string {
  const r = spawnSync('ssh', sshArgv(address, knownHosts, identity, command), { input, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`bench: ssh ${address} failed (exit ${r.status}): ${r.stderr.trim()}`);
  return r.stdout;
}

function seconds(t: string): number {
  const m = /(\d+)m([\d.]+)s/.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

// CPU time on this VM inflates when other work preempts the vCPUs (steal is charged to whoever ran), so every
// number is the median of three measurements of `iterations` runs each.
function measureScript(address: string, knownHosts: string, identity: string, script: string, iterations: number): ScriptCpu {
  const runs = [0, 1, 2].map(() => measureOnce(address, knownHosts, identity, script, iterations));
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
  return { cpuMs: mid(runs.map((r) => r.cpuMs)), processes: mid(runs.map((r) => r.processes)) };
}

function measureOnce(address: string, knownHosts: string, identity: string, script: string, iterations: number): ScriptCpu {
  const out = remote(address, knownHosts, identity, `sh -c '${WRAPPER}' probe-cpu ${iterations}`, script).trim().split('\n');
  const pids = (out[0] ?? '').split(' ');
  const [user, sys] = (out[2] ?? '').split(' ').map(seconds);
  const forked = (Number(pids[2]) - Number(pids[1]) - 1) / iterations; // -1: the closing `cut`
  return { cpuMs: (((user ?? NaN) + (sys ?? NaN)) * 1000) / iterations, processes: forked - 1 }; // -1: the printf subshell
}

export async function measureProbeCpu(
  build: Build,
  target: { name: string; role: string; address: string },
  script: string,
  ssh: { knownHosts: string; identity: string },
  iterations = 20,
  options: { fragments: boolean } = { fragments: true },
): Promise<ProbeCpuReport> {
  const ps = await build.importModule<ProbeScriptModule>('dist/src/runner/probe-script.js');
  const { knownHosts, identity } = ssh;
  const standIns = remote(target.address, knownHosts, identity, STANDIN_PROBE, '')
    .split('\n')
    .filter((l) => l !== '');
  const whole = measureScript(target.address, knownHosts, identity, script, iterations);
  if (!options.fragments) {
    const commands = ps.parseProbeScript(script, { distinct: true }).length;
    return {
      host: target.name,
      role: target.role,
      iterations,
      scriptBytes: Buffer.byteLength(script),
      commands,
      whole,
      fragments: [],
      standIns,
      smallProgramMs: NaN,
      cpuMsWithoutStandIns: NaN,
    };
  }
  const nonce = '0'.repeat(16);
  const base = measureScript(target.address, knownHosts, identity, ps.buildProbeScript([], nonce), iterations);
  const alone = (command: string): ScriptCpu => {
    const m = measureScript(target.address, knownHosts, identity, ps.buildProbeScript([{ key: 'x', command }], nonce), iterations);
    return { cpuMs: m.cpuMs - base.cpuMs, processes: m.processes - base.processes };
  };
  const small = alone('cat /dev/null');
  const words = (command: string) => new Set(command.split(/[^A-Za-z0-9_.-]+/));
  // A fragment "calls a stand-in" when it names one AND costs what a Python start costs (>= 15 ms; the C tools
  // here cost 1-9 ms); naming alone is not enough (`for c in … getenforce …; command -v "$c"` only looks it up).
  const fragments = ps.parseProbeScript(script, { distinct: true }).map((c): FragmentCpu => {
    const cost = alone(c.command);
    const w = words(c.command);
    return { key: c.key, ...cost, standIn: cost.cpuMs >= STANDIN_MIN_MS && standIns.some((s) => w.has(s)) };
  });
  const flagged = fragments.filter((f) => f.standIn);
  return {
    host: target.name,
    role: target.role,
    iterations,
    scriptBytes: Buffer.byteLength(script),
    commands: fragments.length,
    whole,
    fragments,
    standIns,
    smallProgramMs: small.cpuMs,
    cpuMsWithoutStandIns: whole.cpuMs - flagged.reduce((a, f) => a + f.cpuMs, 0) + flagged.length * small.cpuMs,
  };
}
