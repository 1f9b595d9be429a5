/**
 * `--state`: what changed since the last run, as short lines shared by the human and nagios reports. Entries
 * of one check are grouped across hosts (`hypervisor-hook-package on hv1–hv20 (20 hosts)`), so the lines do
 * not grow with the fleet either.
 */
import { hostGroupLabel } from './host-ranges.js';
import type { SinceLastRun, SinceLastRunEntry } from '../result/model.js';

function byCheck(entries: readonly SinceLastRunEntry[]): { check: string; hosts: string[]; since: string }[] {
  const groups = new Map<string, { check: string; hosts: string[]; since: string }>();
  for (const e of entries) {
    const g = groups.get(e.check) ?? { check: e.check, hosts: [], since: e.since };
    g.hosts.push(e.host);
    if (e.since < g.since) g.since = e.since;
    groups.set(e.check, g);
  }
  return [...groups.values()];
}

/**
 * `fixed since last run: …`, `new since last run: …`, and one count line for what still fails. The first run
 * with a state file says so in one line instead of calling every failing check new. `quiet`: no line when
 * nothing changed (nagios long output).
 */
export function sinceLastRunLines(s: SinceLastRun, quiet = false): string[] {
  if (s.lastRunAt === undefined) {
    const failing = s.new.length;
    return quiet
      ? []
      : [`first run with this state file: ${failing} failing check${failing === 1 ? '' : 's'} recorded; the next run tells what changed`];
  }
  const lines: string[] = [];
  for (const g of byCheck(s.fixed)) lines.push(`fixed since last run: ${g.check} on ${hostGroupLabel(g.hosts)} (failing since ${g.since})`);
  for (const g of byCheck(s.new)) lines.push(`new since last run: ${g.check} on ${hostGroupLabel(g.hosts)}`);
  if (s.persisting.length > 0) {
    const hosts = new Set(s.persisting.map((e) => e.host)).size;
    const oldest = s.persisting.reduce((a, e) => (e.since < a ? e.since : a), s.persisting[0]!.since);
    lines.push(
      `still failing: ${s.persisting.length} check${s.persisting.length === 1 ? '' : 's'} on ${hosts} host${hosts === 1 ? '' : 's'}, the oldest since ${oldest}`,
    );
  }
  if (lines.length === 0 && !quiet) lines.push('nothing changed since last run');
  return lines;
}
