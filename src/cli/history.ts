/**
 * `check --state FILE | --no-state | --only-failed` (issue #16 item 2): find and read the drift history before
 * the run, narrow the run to what failed last time, add `sinceLastRun` to the report, and keep the new state.
 * Only `check` keeps a history: it is the audit that runs from cron and monitoring; `apply` (even with
 * --dry-run) changes or plans changes and is not an audit of the same kind, so it neither reads nor writes it.
 * A history problem is a warning on stderr, never a failed audit.
 */
import { resolve } from 'node:path';
import { compareWithHistory, failedLastTime, type HistoryState } from '../history/since-last-run.js';
import { defaultStatePath, readStateFile, writeStateFile } from '../history/state-file.js';
import type { RunReport } from '../result/model.js';
import { summarize } from '../result/summary.js';
import type { TextWriter } from './deps.js';

export interface HistoryOptions {
  /** `--state FILE`; false with `--no-state`; undefined for the default path. */
  state?: string | false;
  onlyFailed: boolean;
  configFile: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stderr: TextWriter;
}

export interface History {
  path: string;
  previous?: HistoryState;
  /** `--only-failed` with something that failed: per host, the checks to report. */
  onlyFailed?: Map<string, Set<string>>;
}

export async function openHistory(o: HistoryOptions): Promise<History | undefined> {
  const path = o.state === false ? undefined : o.state ? resolve(o.cwd, o.state) : defaultStatePath(o.configFile, o.env);
  if (!path) {
    if (o.onlyFailed)
      o.stderr.write('warning: --only-failed without a state file (--no-state, or no HOME/XDG_STATE_HOME): checking everything\n');
    return undefined;
  }
  const read = await readStateFile(path);
  if (read.kind === 'corrupt')
    o.stderr.write(`warning: state file ${path} is unusable (${read.why}); it is replaced by this run's state\n`);
  const previous = read.kind === 'ok' ? read.state : undefined;
  if (!o.onlyFailed) return { path, previous };
  const failed = failedLastTime(previous);
  if (failed.size === 0) {
    o.stderr.write(
      `note: --only-failed: ${previous ? 'nothing failed in the last run' : `no history in ${path} yet`}; checking everything\n`,
    );
    return { path, previous };
  }
  return { path, previous, onlyFailed: failed };
}

/** `--only-failed`: the hosts to contact, within `--only`'s selection. */
export function onlyFailedHosts(history: History | undefined, selected: readonly string[]): string[] | undefined {
  if (!history?.onlyFailed) return undefined;
  return selected.filter((name) => history.onlyFailed!.has(name));
}

/** Narrows the report to what failed last time (`--only-failed`) and adds what changed since then. */
export function withHistory(
  report: RunReport,
  history: History,
  configFile: string,
  hostsInConfig: readonly string[],
): { report: RunReport; next: HistoryState } {
  let narrowed = report;
  if (history.onlyFailed) {
    const keep = history.onlyFailed;
    const hosts = report.hosts.map((h) => ({ ...h, checks: h.checks.filter((c) => keep.get(h.name)?.has(c.id) ?? false) }));
    narrowed = { ...report, hosts, summary: summarize(hosts) };
  }
  const { sinceLastRun, next } = compareWithHistory(history.previous, narrowed, configFile, hostsInConfig);
  return { report: { ...narrowed, sinceLastRun }, next };
}

export async function saveHistory(history: History, next: HistoryState, stderr: TextWriter): Promise<void> {
  await writeStateFile(history.path, next).catch((error: Error) => {
    stderr.write(`warning: cannot keep the drift history in ${history.path}: ${error.message}\n`);
  });
}
