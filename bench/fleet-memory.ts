/**
 * Memory per lab host (issue #17: can this machine hold 400 hypervisors, and what does one cost?). Two views,
 * both recorded, because neither alone is the truth:
 *  - the fleet's own processes: every descendant of each host's `unshare` (its sshd as PID 1 of the host, the
 *    stand-in daemons: engine, vdsmd), summed per host as RSS (counts shared pages — the Python interpreter,
 *    libc — once per process) and as PSS (/proc/PID/smaps_rollup: shared pages split between their users);
 *  - the machine's MemAvailable before the fleet started minus after: also the page cache, overlay upper
 *    dirs and kernel memory the hosts cost, but also whatever else the machine did meanwhile (other tests).
 * Reading /proc is all this does; no process is touched.
 */
import fs from 'node:fs';
import type { LabHost } from '../test/lab/state.js';

/** pid and ppid from /proc/PID/stat; comm (field 2) may hold spaces and parentheses, so split after the last ")". */
export function parseProcStat(text: string): { pid: number; ppid: number } | undefined {
  const close = text.lastIndexOf(')');
  const open = text.indexOf('(');
  if (open < 0 || close < open) return undefined;
  const pid = Number(text.slice(0, open).trim());
  const rest = text
    .slice(close + 1)
    .trim()
    .split(/\s+/); // state ppid pgrp …
  const ppid = Number(rest[1]);
  return Number.isInteger(pid) && Number.isInteger(ppid) ? { pid, ppid } : undefined;
}

/** Each root with itself and all its descendants (a pid belongs to the first root above it). */
export function descendants(roots: readonly number[], parentOf: ReadonlyMap<number, number>): Map<number, number[]> {
  const rootSet = new Set(roots);
  const out = new Map<number, number[]>(roots.map((r) => [r, [r]]));
  for (const pid of parentOf.keys()) {
    if (rootSet.has(pid)) continue;
    const seen = new Set<number>();
    let p = parentOf.get(pid);
    while (p !== undefined && p > 1 && !rootSet.has(p) && !seen.has(p)) {
      seen.add(p);
      p = parentOf.get(p);
    }
    if (p !== undefined && rootSet.has(p)) out.get(p)!.push(pid);
  }
  return out;
}

/** "VmRSS:\t  1234 kB" (status), "Pss:  12 kB" (smaps_rollup), "MemAvailable: 5 kB" (meminfo) → kB; NaN if absent. */
export function kbField(text: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

export interface HostMemory {
  name: string;
  role: string;
  processes: number;
  rssKb: number;
  pssKb: number;
}

export interface RoleMemory {
  hosts: number;
  processesPerHost: number;
  rssMbPerHost: number;
  pssMbPerHost: number;
}

export interface FleetMemory {
  hosts: number;
  byRole: Record<string, RoleMemory>;
  /** Sum over the whole fleet. */
  rssMb: number;
  pssMb: number;
  /** (MemAvailable before − after) / hosts, MB; null when no "before" was taken. */
  memAvailableDeltaMbPerHost: number | null;
  memAvailableMbAfter: number;
}

const mb = (kb: number): number => Math.round((kb / 1024) * 10) / 10;

export function summarizeFleetMemory(
  hosts: readonly HostMemory[],
  memAvailableKbBefore: number | null,
  memAvailableKbAfter: number,
): FleetMemory {
  const byRole: Record<string, RoleMemory> = {};
  for (const role of [...new Set(hosts.map((h) => h.role))]) {
    const of = hosts.filter((h) => h.role === role);
    const avg = (f: (h: HostMemory) => number) => of.reduce((a, h) => a + f(h), 0) / of.length;
    byRole[role] = {
      hosts: of.length,
      processesPerHost: Math.round(avg((h) => h.processes) * 10) / 10,
      rssMbPerHost: mb(avg((h) => h.rssKb)),
      pssMbPerHost: mb(avg((h) => h.pssKb)),
    };
  }
  const sum = (f: (h: HostMemory) => number) => hosts.reduce((a, h) => a + f(h), 0);
  return {
    hosts: hosts.length,
    byRole,
    rssMb: mb(sum((h) => h.rssKb)),
    pssMb: mb(sum((h) => h.pssKb)),
    memAvailableDeltaMbPerHost:
      memAvailableKbBefore === null || hosts.length === 0 ? null : mb((memAvailableKbBefore - memAvailableKbAfter) / hosts.length),
    memAvailableMbAfter: mb(memAvailableKbAfter),
  };
}

// ---- reading /proc (not unit-tested: it reads this machine) -----------------------------------------------

const read = (file: string): string => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return ''; // the process exited meanwhile
  }
};

export function memAvailableKb(): number {
  return kbField(read('/proc/meminfo'), 'MemAvailable');
}

export function measureFleetMemory(hosts: readonly LabHost[], memAvailableKbBefore: number | null): FleetMemory {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = parseProcStat(read(`/proc/${entry}/stat`));
    if (s) parentOf.set(s.pid, s.ppid);
  }
  const tree = descendants(
    hosts.map((h) => h.pid),
    parentOf,
  );
  const perHost = hosts.map((h): HostMemory => {
    const pids = parentOf.has(h.pid) ? tree.get(h.pid)! : [];
    let rssKb = 0;
    let pssKb = 0;
    for (const pid of pids) {
      rssKb += kbField(read(`/proc/${pid}/status`), 'VmRSS') || 0;
      pssKb += kbField(read(`/proc/${pid}/smaps_rollup`), 'Pss') || 0;
    }
    return { name: h.name, role: h.role, processes: pids.length, rssKb, pssKb };
  });
  return summarizeFleetMemory(perHost, memAvailableKbBefore, memAvailableKb());
}
