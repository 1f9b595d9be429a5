/** The result rows (issue #7's JSON shape plus the evidence behind each number) and the tables on stdout. */
import fs from 'node:fs';
import path from 'node:path';

export interface Row {
  hypervisors: number;
  checkMs: number;
  floorMs: number;
  sameScriptMs: number;
  ansibleMs: number | null;
  checkOverFloor: number;
  checkOverSameScript: number;
  ansibleOverCheck: number | null;
  checkRssMb: number;
  probeCpuMsPerHost: number;
  connectionsPerHost: number;
  execsPerHost: number;
  applyOverCheck: number;
}

export interface ScalingRow {
  checksPerHost: number | 'all';
  /** Check entries per hypervisor and probe commands in its script (host facts included). */
  hypervisorChecks: number;
  hypervisorCommands: number;
  scriptBytes: number;
  wallMs: number;
  rssMb: number;
  probeCpuMsPerHost: number;
  probeProcessesPerHost: number;
  hostsPerConcurrencySlot: number;
}

export interface Results {
  machine: Record<string, unknown>;
  versions: Record<string, string | undefined>;
  settings: Record<string, unknown>;
  rows: Row[];
  /** Per hypervisor count: samples, validation, probe CPU breakdown, scaling table, profile, load. */
  details: Record<string, unknown>[];
}

export const TARGETS = {
  checkOverFloor: 1.0,
  checkOverSameScript: 0.8,
  ansibleOverCheck: 25,
  probeCpuMsPerHost: 50,
  checkRssMb: 150,
  applyOverCheck: 1.1,
} as const;

const r2 = (x: number | null) => (x === null || !Number.isFinite(x) ? 'n/a' : x.toFixed(2));
const s1 = (ms: number | null) => (ms === null || !Number.isFinite(ms) ? 'n/a' : (ms / 1000).toFixed(1));

function mark(ok: boolean | null): string {
  return ok === null ? '  ' : ok ? 'ok' : 'MISS';
}

export function targetChecks(row: Row): { name: string; value: string; target: string; ok: boolean | null }[] {
  return [
    { name: 'A / B (check vs ssh true)', value: r2(row.checkOverFloor), target: `<= ${TARGETS.checkOverFloor}`, ok: row.checkOverFloor <= TARGETS.checkOverFloor },
    { name: "A / B' (check vs same script over OpenSSH)", value: r2(row.checkOverSameScript), target: `<= ${TARGETS.checkOverSameScript}`, ok: row.checkOverSameScript <= TARGETS.checkOverSameScript },
    { name: 'C / A (Ansible vs check)', value: r2(row.ansibleOverCheck), target: `>= ${TARGETS.ansibleOverCheck}`, ok: row.ansibleOverCheck === null ? null : row.ansibleOverCheck >= TARGETS.ansibleOverCheck },
    { name: 'probe CPU per host (ms, raw lab)', value: row.probeCpuMsPerHost.toFixed(1), target: `<= ${TARGETS.probeCpuMsPerHost}`, ok: row.probeCpuMsPerHost <= TARGETS.probeCpuMsPerHost },
    { name: 'connections / execs per host', value: `${row.connectionsPerHost} / ${row.execsPerHost}`, target: '1 / 1', ok: row.connectionsPerHost === 1 && row.execsPerHost === 1 },
    { name: 'peak RSS of A (MB)', value: row.checkRssMb.toFixed(0), target: `<= ${TARGETS.checkRssMb}`, ok: row.checkRssMb <= TARGETS.checkRssMb },
    { name: 'apply(converged) / check', value: r2(row.applyOverCheck), target: `<= ${TARGETS.applyOverCheck}`, ok: row.applyOverCheck <= TARGETS.applyOverCheck },
  ];
}

export function renderRow(row: Row, detail: { reps: number; ansibleReps: number; concurrency: number; applyChanges: number; probeCpuWithoutStandIns: number; rss: Record<string, number>; wall: Record<string, number> }): string {
  const lines = [
    `== ${row.hypervisors} hypervisors (+ manager + sftp = ${row.hypervisors + 2} hosts), concurrency ${detail.concurrency}, medians of ${detail.reps} reps (Ansible: ${detail.ansibleReps})`,
    '   what                                       wall s   peak RSS MB',
    `   A  ovirt-floppy check --format json        ${s1(row.checkMs).padStart(6)}   ${detail.rss.A?.toFixed(0).padStart(6)}`,
    `   B  ssh true (OpenSSH floor)                ${s1(row.floorMs).padStart(6)}   ${detail.rss.B?.toFixed(0).padStart(6)}   (largest single process)`,
    `   B' ssh sh -s < the tool's probe script     ${s1(row.sameScriptMs).padStart(6)}   ${detail.rss.Bp?.toFixed(0).padStart(6)}   (largest single process)`,
    `   C  ansible-playbook --check audit.yml      ${s1(row.ansibleMs).padStart(6)}   ${detail.rss.C === undefined ? '   n/a' : detail.rss.C.toFixed(0).padStart(6)}   (largest single process)`,
    `   D  ovirt-floppy apply --yes (converged)    ${s1(detail.wall.D ?? NaN).padStart(6)}   ${detail.rss.D?.toFixed(0).padStart(6)}   ${detail.applyChanges} changes`,
    `   probe CPU per hypervisor: ${row.probeCpuMsPerHost.toFixed(1)} ms raw (lab stand-ins costed as a small C program: ${detail.probeCpuWithoutStandIns.toFixed(1)} ms)`,
    '   target                                      value      target   verdict',
    ...targetChecks(row).map((t) => `   ${t.name.padEnd(43)} ${t.value.padStart(8)}   ${t.target.padStart(7)}   ${mark(t.ok)}`),
  ];
  return lines.join('\n');
}

export function renderScaling(hypervisors: number, rows: ScalingRow[]): string {
  return [
    `   scaling (${hypervisors} hypervisors): checks per host → cost (bench harness: runner + tsx loader)`,
    '   checks/host  commands/hv  script B   wall s  RSS MB  probe CPU ms/host  procs/host',
    ...rows.map(
      (r) =>
        `   ${String(r.checksPerHost === 'all' ? `all (${r.hypervisorChecks})` : r.checksPerHost).padEnd(11)}  ${String(r.hypervisorCommands).padStart(11)}  ${String(r.scriptBytes).padStart(8)}  ${s1(r.wallMs).padStart(7)}  ${r.rssMb.toFixed(0).padStart(6)}  ${r.probeCpuMsPerHost.toFixed(1).padStart(17)}  ${r.probeProcessesPerHost.toFixed(0).padStart(10)}`,
    ),
  ].join('\n');
}

export function writeResults(file: string, results: Results): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(tmp, file);
}
