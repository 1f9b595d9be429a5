/**
 * Which process owns a lab group. Several test runs of one checkout may run at once (vitest files in several
 * shells, engineers working in parallel); each run's global setup starts with labDown(), which must not pull the
 * hosts from under a group another LIVE run is still testing on. The owner is the PID plus its start time
 * (/proc/PID/stat field 22), so a reused PID is not mistaken for the owner.
 */
import fs from 'node:fs/promises';

export interface GroupOwner {
  pid: number;
  start: string;
}

/** Field 22 (starttime) of /proc/PID/stat; the comm field may hold spaces and parentheses, so count from its end. */
async function startTime(pid: number): Promise<string | undefined> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

export async function currentOwner(): Promise<GroupOwner> {
  return { pid: process.pid, start: (await startTime(process.pid)) ?? '' };
}

/** Whether `owner` is a running process other than this one (this process's own groups are its to stop). */
export async function ownedByAnotherLiveProcess(owner: GroupOwner | undefined): Promise<boolean> {
  if (!owner || owner.pid === process.pid) return false;
  const start = await startTime(owner.pid);
  return start !== undefined && start === owner.start;
}
