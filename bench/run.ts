/**
 * `npm run bench -- --hypervisors 20,100,200 [--reps 3] [--concurrency 32]` (issue #7): for each fleet size, a
 * fresh fleet (bench/lab.ts) converged by `apply --yes`, then interleaved repetitions of
 *   A  ovirt-floppy check --format json          (the tool, snapshot build, whole fleet)
 *   B  ssh … root@HOST true, xargs -P C           (the OpenSSH floor)
 *   B' ssh … root@HOST sh -s < its probe script   (the tool's exact remote work over OpenSSH)
 *   C  ansible-playbook --check audit.yml         (forks = C, pipelining)
 *   D  ovirt-floppy apply --yes                   (on the converged fleet: must change nothing)
 *   S  the runner with 1 / 10 / all checks per host (scaling table)
 * medians to stdout and bench/results/latest.json. See bench/README.md for what each number means.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { Registry } from '../src/check-api.js';
import type { RunReport } from '../src/result/model.js';
import { labPaths } from '../test/lab/paths.js';
import { readStateFile } from '../test/lab/state.js';
import { closeControlMasters, ensureAnsible, parseRecap, writeAnsibleSetup, type AnsibleSetup, type HookFile, type Recap } from './ansible.js';
import { repoRoot, snapshotBuild, type Build } from './build.js';
import { cleanupStaleFleet, installSignalTeardown, startFleet, stopFleet, type Fleet } from './lab.js';
import { ensureGnuTime, machineInfo, median, timed, type Sample } from './measure.js';
import { measureProbeCpu, type ProbeCpuReport } from './probe-cpu.js';
import { loadSnapshotConfig, probeScripts, type HostScript } from './probe-scripts.js';
import { summarizeProfile } from './profile.js';
import { renderRow, renderScaling, TARGETS, targetChecks, writeResults, type Results, type Row, type ScalingRow } from './report.js';
import { parseChecksPerHost, scalingRegistry, type ChecksPerHost } from './scaling-registry.js';

const log = (m: string): void => {
  process.stderr.write(`${m}\n`);
};

const argv = await yargs(hideBin(process.argv))
  .scriptName('npm run bench --')
  .option('hypervisors', { type: 'string', default: '20,100,200', describe: 'fleet sizes (hypervisors; +1 manager +1 sftp each)' })
  .option('reps', { type: 'number', default: 3, describe: 'interleaved repetitions per fleet size (medians reported)' })
  .option('concurrency', { type: 'number', default: 32, describe: 'hosts at once: tool ssh.concurrency = xargs -P = Ansible forks' })
  .option('ansible-reps', { type: 'number', describe: 'Ansible repetitions per size (default: --reps; 0 skips C)' })
  .option('ansible-reps-large', { type: 'number', default: 1, describe: 'Ansible repetitions for sizes above 100 hypervisors (one C run at 200 takes ~10+ min here)' })
  .option('ansible-max-hypervisors', { type: 'number', default: 250, describe: 'skip C above this fleet size' })
  .option('scaling', { type: 'string', default: '1,10,all', describe: 'checks per host for the scaling table ("" = none)' })
  .option('validate-ansible', { type: 'boolean', default: true, describe: 'before apply, run the tool and the playbook once on the drifting fleet of the smallest size and compare what they find' })
  .option('profile', { type: 'boolean', default: true, describe: 'one extra A under node --cpu-prof per size (not timed)' })
  .option('out', { type: 'string', default: path.join(repoRoot, 'bench', 'results', 'latest.json') })
  .option('cleanup', { type: 'boolean', default: false, describe: 'only remove a fleet a crashed bench left behind' })
  .strict()
  .parseAsync();

if (process.getuid?.() !== 0) {
  log('bench: needs root (the lab mounts overlays and starts hosts in namespaces)');
  process.exit(2);
}
if (argv.cleanup) {
  await cleanupStaleFleet(log);
  log('bench: nothing left of the bench fleet');
  process.exit(0);
}

const sizes = argv.hypervisors.split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 250)) throw new Error('bench: --hypervisors takes 1…250, comma-separated');
const concurrency = argv.concurrency;
const reps = Math.max(1, argv.reps);
const ansibleReps = argv['ansible-reps'] ?? reps;
const scaling: ChecksPerHost[] = argv.scaling.trim() === '' ? [] : parseChecksPerHost(argv.scaling);
const identity = labPaths.idLab;
const sshOptions = (knownHosts: string) => ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHosts}`, '-i', identity];

/** Never touch another lab: only say what else is running, for the record (CPU contention). */
async function otherLabs(): Promise<string[]> {
  const notes: string[] = [];
  const state = await readStateFile(labPaths.state).catch(() => undefined);
  if (state && state.hosts.length > 0) notes.push(`the default lab is up (${state.hosts.length} hosts; left alone)`);
  const groups = await fs.promises.readdir(labPaths.groups).catch(() => [] as string[]);
  if (groups.length > 0) notes.push(`lab test groups running: ${groups.join(', ')} (left alone)`);
  return notes;
}

async function hookFiles(build: Build, clientPath: string): Promise<HookFile[]> {
  type HookModule = typeof import('../checks/lib/bundled-hook.js');
  const m = await build.importModule<HookModule>('dist/checks/lib/bundled-hook.js').catch(() => undefined);
  return m ? m.bundledHookFiles(clientPath).map((f) => ({ path: f.path, content: f.content })) : [];
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

interface AResult {
  connections: number[];
  execs: number[];
  unreachable: string[];
  drift: number;
  error: number;
  changesApplied: number;
}

function inspectReport(file: string): AResult {
  const report = readJson<RunReport>(file);
  const r: AResult = { connections: [], execs: [], unreachable: [], drift: report.summary.drift, error: report.summary.error, changesApplied: 0 };
  for (const h of report.hosts) {
    r.connections.push(h.stats.connections);
    r.execs.push(h.stats.execs);
    if (!h.reachable) r.unreachable.push(`${h.name}: ${h.error ?? 'unreachable'}`);
    for (const c of h.checks) r.changesApplied += c.changes.filter((x) => x.status === 'applied').length;
  }
  return r;
}

function driftByHost(file: string): Record<string, number> {
  const report = readJson<RunReport>(file);
  return Object.fromEntries(report.hosts.map((h) => [h.name, h.checks.filter((c) => c.status === 'drift' || c.status === 'skipped').length]));
}

function assertOk(what: string, s: Sample, okCodes: number[] = [0]): void {
  if (!okCodes.includes(s.exitCode)) {
    const err = fs.readFileSync(s.stderrFile, 'utf8').trim().split('\n').slice(-15).join('\n');
    throw new Error(`bench: ${what} exited ${s.exitCode} (outputs: ${s.stdoutFile}):\n${err}`);
  }
}

interface SizeContext {
  n: number;
  fleet: Fleet;
  work: string;
  configPath: string;
  hostsFile: string;
  scripts: HostScript[];
  ansible?: AnsibleSetup;
  build: Build;
}

function scenarioA(ctx: SizeContext, tag: string): Promise<Sample> {
  return timed({ argv: [process.execPath, ctx.build.cli, 'check', '--format', 'json', '-c', ctx.configPath], outPrefix: path.join(ctx.work, `A-${tag}`), timeoutMs: 1_800_000 });
}

function scenarioD(ctx: SizeContext, tag: string): Promise<Sample> {
  return timed({ argv: [process.execPath, ctx.build.cli, 'apply', '--yes', '--format', 'json', '-c', ctx.configPath], outPrefix: path.join(ctx.work, `D-${tag}`), timeoutMs: 3_600_000 });
}

function scenarioB(ctx: SizeContext, tag: string): Promise<Sample> {
  return timed({
    argv: ['xargs', '-a', ctx.hostsFile, '-P', String(concurrency), '-I{}', 'ssh', ...sshOptions(ctx.fleet.knownHostsPath), 'root@{}', 'true'],
    outPrefix: path.join(ctx.work, `B-${tag}`),
    timeoutMs: 1_800_000,
  });
}

function scenarioBp(ctx: SizeContext, tag: string): Promise<Sample> {
  const outDir = path.join(ctx.work, `Bp-${tag}.d`);
  fs.mkdirSync(outDir, { recursive: true });
  // sh -c only for the redirections (xargs cannot redirect); `exec` so it costs one fork, not a waiting shell.
  const opts = sshOptions(ctx.fleet.knownHostsPath).join(' ');
  const line = `exec ssh ${opts} root@"$1" sh -s < "$2/$1.sh" > "$3/$1.out"`;
  return timed({
    argv: ['xargs', '-a', ctx.hostsFile, '-P', String(concurrency), '-I{}', 'sh', '-c', line, 'bp', '{}', path.join(ctx.work, 'scripts'), outDir],
    outPrefix: path.join(ctx.work, `Bp-${tag}`),
    timeoutMs: 1_800_000,
  });
}

/** Every host answered every probe command over OpenSSH (same framing headers the runner splits on). */
function checkBpOutputs(ctx: SizeContext, tag: string): void {
  const outDir = path.join(ctx.work, `Bp-${tag}.d`);
  for (const s of ctx.scripts) {
    const text = fs.readFileSync(path.join(outDir, `${s.target.host}.out`), 'utf8');
    const headers = text.split('\n').filter((l) => l.startsWith('@@OF:')).length;
    if (headers !== s.commandCount) throw new Error(`bench: B' on ${s.target.name}: ${headers} of ${s.commandCount} probe outputs`);
  }
  fs.rmSync(outDir, { recursive: true, force: true });
}

function scenarioC(ctx: SizeContext, tag: string): Promise<Sample> {
  const a = ctx.ansible!;
  return timed({ argv: a.argv, env: a.env, cwd: a.dir, outPrefix: path.join(ctx.work, `C-${tag}`), timeoutMs: 3_600_000 });
}

function scenarioS(ctx: SizeContext, perHost: ChecksPerHost, tag: string): Promise<Sample> {
  return timed({
    argv: [process.execPath, '--import', 'tsx', path.join(repoRoot, 'bench', 'scaling-child.ts'), ctx.build.dir, ctx.configPath, String(perHost)],
    cwd: repoRoot,
    outPrefix: path.join(ctx.work, `S${perHost}-${tag}`),
    timeoutMs: 1_800_000,
  });
}

async function runSize(n: number, build: Build, results: Results, baseRegistry: Registry, validateAnsible: boolean): Promise<void> {
  const work = path.join(build.dir, `work-${n}`);
  fs.mkdirSync(path.join(work, 'scripts'), { recursive: true });
  const t0 = Date.now();
  log(`bench: N=${n}: starting ${n + 2} hosts`);
  const fleet = await startFleet(n, log);
  const upMs = Date.now() - t0;
  log(`bench: N=${n}: fleet up in ${(upMs / 1000).toFixed(1)} s`);
  try {
    const config = parseYaml(fs.readFileSync(fleet.configPath, 'utf8')) as { ssh: Record<string, unknown> };
    config.ssh.concurrency = concurrency;
    const configPath = path.join(work, 'ovirt-floppy.yaml');
    fs.writeFileSync(configPath, stringify(config));
    const hostsFile = path.join(work, 'hosts.txt');
    fs.writeFileSync(hostsFile, fleet.hosts.map((h) => `${h.address}\n`).join(''));
    const scripts = await probeScripts(build, configPath);
    for (const s of scripts) fs.writeFileSync(path.join(work, 'scripts', `${s.target.host}.sh`), s.script);
    const typed = await loadSnapshotConfig(build, configPath);
    const cReps = n > 100 ? Math.min(ansibleReps, argv['ansible-reps-large']) : ansibleReps;
    const runC = cReps > 0 && n <= argv['ansible-max-hypervisors'];
    const ctx: SizeContext = {
      n, fleet, work, configPath, hostsFile, scripts, build,
      ansible: runC || validateAnsible ? writeAnsibleSetup(work, typed, fleet.knownHostsPath, identity, concurrency, await hookFiles(build, typed.floppy.clientPath)) : undefined,
    };

    // Before convergence: does the playbook find what the tool finds? (evidence that C is the same audit)
    let validation: Record<string, unknown> | undefined;
    if (validateAnsible && ctx.ansible) {
      log(`bench: N=${n}: validating the playbook against the tool on the drifting fleet`);
      const a = await scenarioA(ctx, 'drifting');
      assertOk('check (drifting fleet)', a, [0, 1]);
      const c = await scenarioC(ctx, 'drifting');
      closeControlMasters(ctx.ansible);
      const recap = parseRecap(fs.readFileSync(c.stdoutFile, 'utf8'));
      const toolDrift = driftByHost(a.stdoutFile);
      validation = {
        toolChecksNotOkPerHost: toolDrift,
        toolChecksNotOk: Object.values(toolDrift).reduce((x, y) => x + y, 0),
        ansibleRecap: recap,
        ansibleFindings: recap.changed + recap.ignored,
        toolWallMs: a.wallMs,
        ansibleWallMs: c.wallMs,
      };
      log(`bench: N=${n}: drifting fleet: tool ${validation.toolChecksNotOk} checks not ok; playbook ${recap.ignored} failed asserts + ${recap.changed} changed tasks`);
    }

    log(`bench: N=${n}: converging with apply --yes`);
    const conv = await scenarioD(ctx, 'converge');
    assertOk('apply (converge)', conv, [0]);
    const convergeMs = conv.wallMs;
    const after = await scenarioA(ctx, 'converged');
    assertOk('check after apply (the fleet must be converged)', after, [0]);

    log(`bench: N=${n}: probe CPU on one host per role`);
    const byRole = (role: string) => scripts.find((s) => s.target.role === role)!;
    const sshCfg = { knownHosts: fleet.knownHostsPath, identity };
    const hvCpu = await measureProbeCpu(build, { name: byRole('hypervisor').target.name, role: 'hypervisor', address: byRole('hypervisor').target.host }, byRole('hypervisor').script, sshCfg, 20);
    const otherCpu: Record<string, ProbeCpuReport> = {};
    for (const role of ['manager', 'sftp']) {
      const s = byRole(role);
      otherCpu[role] = await measureProbeCpu(build, { name: s.target.name, role, address: s.target.host }, s.script, sshCfg, 10, { fragments: false });
    }

    // Scaling: the scripts and remote CPU of each registry (no timing involved).
    const scalingMeta: Omit<ScalingRow, 'wallMs' | 'rssMb'>[] = [];
    for (const k of scaling) {
      const reg = scalingRegistry(baseRegistry, k, typed);
      const hvScript = (await probeScripts(build, configPath, reg)).find((s) => s.target.role === 'hypervisor')!;
      const cpu = await measureProbeCpu(build, { name: hvScript.target.name, role: 'hypervisor', address: hvScript.target.host }, hvScript.script, sshCfg, 10, { fragments: false });
      scalingMeta.push({
        checksPerHost: k,
        hypervisorChecks: [...reg.checks, ...reg.crossHostChecks].filter((c) => c.roles.includes('hypervisor')).length,
        hypervisorCommands: hvScript.commandCount,
        scriptBytes: Buffer.byteLength(hvScript.script),
        probeCpuMsPerHost: cpu.whole.cpuMs,
        probeProcessesPerHost: cpu.whole.processes,
        hostsPerConcurrencySlot: (n + 2) / concurrency,
      });
    }

    const samples: Record<string, Sample[]> = { A: [], B: [], Bp: [], C: [], D: [] };
    const scalingSamples = new Map<ChecksPerHost, Sample[]>(scaling.map((k) => [k, []]));
    const aStats: AResult[] = [];
    const dStats: AResult[] = [];
    const recaps: Recap[] = [];
    const loads: number[][] = [];
    for (let rep = 1; rep <= reps; rep++) {
      loads.push(os.loadavg().map((l) => Math.round(l * 100) / 100));
      log(`bench: N=${n}: rep ${rep}/${reps} (load ${loads.at(-1)!.join(' ')})`);
      const a = await scenarioA(ctx, `r${rep}`);
      assertOk('check', a, [0]);
      const as = inspectReport(a.stdoutFile);
      if (as.unreachable.length > 0) throw new Error(`bench: hosts unreachable in A: ${as.unreachable.slice(0, 5).join('; ')}`);
      aStats.push(as);
      samples.A!.push(a);
      const b = await scenarioB(ctx, `r${rep}`);
      assertOk('ssh true (B)', b);
      samples.B!.push(b);
      const bp = await scenarioBp(ctx, `r${rep}`);
      assertOk("ssh sh -s < script (B')", bp);
      checkBpOutputs(ctx, `r${rep}`);
      samples.Bp!.push(bp);
      if (runC && rep <= cReps) {
        const c = await scenarioC(ctx, `r${rep}`);
        closeControlMasters(ctx.ansible!);
        const recap = parseRecap(fs.readFileSync(c.stdoutFile, 'utf8'));
        if (recap.hosts !== n + 2 || recap.unreachable > 0 || recap.failed > 0) {
          throw new Error(`bench: Ansible run incomplete: ${JSON.stringify(recap)} (see ${c.stdoutFile})`);
        }
        recaps.push(recap);
        samples.C!.push(c);
      }
      const d = await scenarioD(ctx, `r${rep}`);
      assertOk('apply (converged)', d, [0]);
      dStats.push(inspectReport(d.stdoutFile));
      samples.D!.push(d);
      for (const k of scaling) {
        const s = await scenarioS(ctx, k, `r${rep}`);
        assertOk(`scaling ${k}`, s, [0, 1]);
        scalingSamples.get(k)!.push(s);
      }
      const last = (k: string) => samples[k]!.at(-1);
      log(`bench: N=${n}: rep ${rep}: A ${(a.wallMs / 1000).toFixed(1)} s, B ${(b.wallMs / 1000).toFixed(1)} s, B' ${(bp.wallMs / 1000).toFixed(1)} s` +
        `${last('C') && samples.C!.length === rep ? `, C ${(last('C')!.wallMs / 1000).toFixed(1)} s` : ''}, D ${(d.wallMs / 1000).toFixed(1)} s`);
    }

    let profile;
    if (argv.profile) {
      const dir = path.join(work, 'cpuprof');
      fs.mkdirSync(dir, { recursive: true });
      const p = await timed({ argv: [process.execPath, '--cpu-prof', `--cpu-prof-dir=${dir}`, build.cli, 'check', '--format', 'json', '-c', configPath], outPrefix: path.join(work, 'A-profile') });
      assertOk('check under --cpu-prof', p, [0]);
      profile = { wallMs: p.wallMs, cpuMs: p.cpuMs, ...summarizeProfile(dir) };
    }

    const med = (k: string, f: (s: Sample) => number = (s) => s.wallMs) => median(samples[k]!.map(f));
    const checkMs = med('A');
    const ansibleMs = samples.C!.length > 0 ? med('C') : null;
    const row: Row = {
      hypervisors: n,
      checkMs: Math.round(checkMs),
      floorMs: Math.round(med('B')),
      sameScriptMs: Math.round(med('Bp')),
      ansibleMs: ansibleMs === null ? null : Math.round(ansibleMs),
      checkOverFloor: checkMs / med('B'),
      checkOverSameScript: checkMs / med('Bp'),
      ansibleOverCheck: ansibleMs === null ? null : ansibleMs / checkMs,
      checkRssMb: Math.max(...samples.A!.map((s) => s.rssMb)),
      probeCpuMsPerHost: hvCpu.whole.cpuMs,
      connectionsPerHost: Math.max(...aStats.flatMap((s) => s.connections)),
      execsPerHost: Math.max(...aStats.flatMap((s) => s.execs)),
      applyOverCheck: med('D') / checkMs,
    };
    const scalingRows: ScalingRow[] = scalingMeta.map((m) => ({
      ...m,
      wallMs: median(scalingSamples.get(m.checksPerHost)!.map((s) => s.wallMs)),
      rssMb: Math.max(...scalingSamples.get(m.checksPerHost)!.map((s) => s.rssMb)),
    }));
    const rss = Object.fromEntries(Object.entries(samples).filter(([, v]) => v.length > 0).map(([k, v]) => [k, Math.max(...v.map((s) => s.rssMb))]));
    const wall = Object.fromEntries(Object.entries(samples).filter(([, v]) => v.length > 0).map(([k, v]) => [k, median(v.map((s) => s.wallMs))]));
    const applyChanges = Math.max(...dStats.map((d) => d.changesApplied));
    results.rows = [...results.rows.filter((r) => r.hypervisors !== n), row];
    const detail = {
      hypervisors: n,
      hosts: n + 2,
      reps,
      ansibleReps: samples.C!.length,
      fleetUpMs: upMs,
      convergeApplyMs: Math.round(convergeMs),
      validation,
      samples: Object.fromEntries(
        Object.entries(samples).map(([k, v]) => [k, v.map((s) => ({ wallMs: Math.round(s.wallMs), rssMb: Math.round(s.rssMb), cpuMs: Math.round(s.cpuMs), machineBusy: Math.round(s.machineBusy * 100) / 100 }))]),
      ),
      controllerCpuMs: Object.fromEntries(Object.entries(samples).filter(([, v]) => v.length > 0).map(([k, v]) => [k, Math.round(median(v.map((s) => s.cpuMs)))])),
      peakRssMb: rss,
      loadAvgPerRep: loads,
      connections: { min: Math.min(...aStats.flatMap((s) => s.connections)), max: row.connectionsPerHost },
      execs: { min: Math.min(...aStats.flatMap((s) => s.execs)), max: row.execsPerHost },
      applyOnConverged: { changesApplied: applyChanges, drift: Math.max(...dStats.map((d) => d.drift)), execs: { min: Math.min(...dStats.flatMap((d) => d.execs)), max: Math.max(...dStats.flatMap((d) => d.execs)) } },
      ansibleRecaps: recaps,
      probeCpu: { hypervisor: hvCpu, ...otherCpu },
      scaling: scalingRows,
      profile,
      targets: targetChecks(row),
    };
    results.details = [...results.details.filter((d) => d.hypervisors !== n), detail];
    writeResults(argv.out, results);
    console.log(renderRow(row, { reps, ansibleReps: samples.C!.length, concurrency, applyChanges, probeCpuWithoutStandIns: hvCpu.cpuMsWithoutStandIns, rss, wall }));
    if (scalingRows.length > 0) console.log(renderScaling(n, scalingRows));
    console.log('');
  } finally {
    log(`bench: N=${n}: stopping the fleet`);
    await stopFleet();
  }
}

// ---- main ----------------------------------------------------------------------------------------------------
ensureGnuTime(log);
const runsC = ansibleReps > 0 && sizes.some((n) => n <= argv['ansible-max-hypervisors']);
const ansible = runsC || argv['validate-ansible'] ? ensureAnsible(log) : undefined;
for (const note of await otherLabs()) log(`bench: note: ${note}`);
const load = os.loadavg();
if (load[0]! > 0.5) log(`bench: note: load average ${load.map((l) => l.toFixed(2)).join(' ')} before the start: other work shares the CPU; numbers will be noisier`);
const build = snapshotBuild(log);
installSignalTeardown(log, () => build.remove());
const { registry } = await build.importModule<{ registry: Registry }>('dist/checks/index.js');
const { TOOL_VERSION } = await build.importModule<{ TOOL_VERSION: string }>('dist/src/version.js');
const sshVersion = (await import('node:child_process')).spawnSync('ssh', ['-V'], { encoding: 'utf8' }).stderr.trim();
const ssh2Version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', 'ssh2', 'package.json'), 'utf8')) as { version: string }).version;
const results: Results = {
  machine: { ...machineInfo(), otherLabsAtStart: await otherLabs() },
  versions: { tool: TOOL_VERSION, node: process.version, ssh2: ssh2Version, openssh: sshVersion, ansible },
  settings: { hypervisors: sizes, reps, ansibleReps, ansibleRepsAbove100: argv['ansible-reps-large'], ansibleMaxHypervisors: argv['ansible-max-hypervisors'], concurrency, scaling, targets: TARGETS, startedAt: new Date().toISOString() },
  rows: [],
  details: [],
};
let failed = false;
try {
  for (const [i, n] of sizes.entries()) await runSize(n, build, results, registry, argv['validate-ansible'] && i === 0);
} catch (err) {
  failed = true;
  log(`bench: FAILED: ${(err as Error).message}`);
  log(`bench: outputs kept in ${build.dir}`);
} finally {
  await stopFleet();
  if (!failed) build.remove();
}
if (results.rows.length > 0) {
  console.log('summary (issue #7 JSON rows):');
  console.table(results.rows.map((r) => ({ ...r, checkOverFloor: +r.checkOverFloor.toFixed(2), checkOverSameScript: +r.checkOverSameScript.toFixed(2), ansibleOverCheck: r.ansibleOverCheck === null ? null : +r.ansibleOverCheck.toFixed(1), checkRssMb: +r.checkRssMb.toFixed(0), probeCpuMsPerHost: +r.probeCpuMsPerHost.toFixed(1), applyOverCheck: +r.applyOverCheck.toFixed(2) })));
  console.log(`written: ${path.relative(process.cwd(), argv.out)}`);
}
process.exitCode = failed ? 1 : 0;
