/**
 * Drift history (issue #16 item 2), pure: the state of the last run and this run's report in, what is new,
 * fixed and still failing since then out, plus the state to keep for the next run.
 *
 * Per (host, check) the state keeps the status class and since when it has held: `failing` (drift or error)
 * or `passing` (ok or fixed). A skipped check, and every (host, check) this run did not evaluate (`--only`,
 * `--only-failed`, a host that is not in the config any more is dropped) keeps its old entry: not looked at is
 * not fixed.
 */
import type { RunReport, SinceLastRun, SinceLastRunEntry } from '../result/model.js';

export type StateStatus = 'failing' | 'passing';

export interface StateEntry {
  host: string;
  check: string;
  status: StateStatus;
  /** ISO time of the first run that saw this status (first-seen). */
  since: string;
  /** The exact status of the last run that evaluated it (drift, error, ok, fixed). */
  last: string;
}

export interface HistoryState {
  version: 1;
  /** The config the history belongs to (absolute path). */
  config: string;
  /** startedAt of the run that wrote it. */
  updatedAt: string;
  entries: StateEntry[];
}

function classOf(status: string): StateStatus | undefined {
  if (status === 'drift' || status === 'error') return 'failing';
  if (status === 'ok' || status === 'fixed') return 'passing';
  return undefined;
}

const keyOf = (host: string, check: string) => `${host}\u0000${check}`;

export interface HistoryResult {
  sinceLastRun: SinceLastRun;
  next: HistoryState;
}

/** Compares this run with the previous state (undefined: no history yet, everything failing is new). */
export function compareWithHistory(
  previous: HistoryState | undefined,
  report: RunReport,
  config: string,
  hostsInConfig: readonly string[],
): HistoryResult {
  const now = report.startedAt;
  const old = new Map((previous?.entries ?? []).map((e) => [keyOf(e.host, e.check), e]));
  const next = new Map<string, StateEntry>();
  const sinceLastRun: SinceLastRun = { ...(previous ? { lastRunAt: previous.updatedAt } : {}), new: [], fixed: [], persisting: [] };
  for (const host of report.hosts) {
    for (const check of host.checks) {
      const key = keyOf(host.name, check.id);
      const before = old.get(key);
      const status = classOf(check.status);
      if (status === undefined) {
        if (before) next.set(key, before);
        continue;
      }
      const entry: SinceLastRunEntry = { host: host.name, check: check.id, since: now };
      if (status === 'failing') {
        if (before?.status === 'failing') sinceLastRun.persisting.push({ ...entry, since: before.since });
        else sinceLastRun.new.push(entry);
      } else if (before?.status === 'failing') {
        // `since`: when it started failing, so "fixed after 3 days" can be told.
        sinceLastRun.fixed.push({ ...entry, since: before.since });
      }
      const since = before?.status === status ? before.since : now;
      next.set(key, { host: host.name, check: check.id, status, since, last: check.status });
    }
  }
  const known = new Set(hostsInConfig);
  for (const [key, entry] of old) if (!next.has(key) && known.has(entry.host)) next.set(key, entry);
  return { sinceLastRun, next: { version: 1, config, updatedAt: now, entries: [...next.values()] } };
}

/** What failed in the last run: hosts and, per host, check ids (for `--only-failed`). */
export function failedLastTime(state: HistoryState | undefined): Map<string, Set<string>> {
  const failed = new Map<string, Set<string>>();
  for (const e of state?.entries ?? []) {
    if (e.status !== 'failing') continue;
    failed.set(e.host, (failed.get(e.host) ?? new Set()).add(e.check));
  }
  return failed;
}
