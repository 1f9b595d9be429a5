/**
 * The `apply` question on a terminal: show the plan (human format, diffs with `--diff`) on stderr, then ask
 * `Apply N changes to M hosts? [y/N]`. Anything but y/yes declines. Nothing planned → nothing to ask.
 */
import { renderHuman, resolveColorLevel } from '../report/human.js';
import type { RunReport } from '../result/model.js';
import type { ProgressView } from '../report/progress.js';
import { countReport, hostsWithPlannedChanges } from '../result/summary.js';
import type { CliDeps } from './deps.js';

export interface ConfirmOptions {
  deps: CliDeps;
  progress: ProgressView;
  showDiff: boolean;
  color: boolean;
  /** `-v`: the plan lists every check. @defaultValue false */
  verbose?: boolean;
}

export function confirmOnTerminal(options: ConfirmOptions): (plan: RunReport) => Promise<boolean> {
  const { deps } = options;
  return async (plan) => {
    const changes = countReport(plan).changesPlanned;
    if (changes === 0) return true;
    // The progress display owns the terminal while it runs; the question needs it back.
    await options.progress.pause();
    const colorLevel = resolveColorLevel({ color: options.color, env: deps.env, isTTY: deps.isTTY.stderr, stream: 'stderr' });
    deps.stderr.write(renderHuman(plan, { colorLevel, showDiff: options.showDiff, verbose: options.verbose ?? false }));
    const hosts = hostsWithPlannedChanges(plan).length;
    const answer = await deps.prompt(
      `Apply ${changes} change${changes === 1 ? '' : 's'} to ${hosts} host${hosts === 1 ? '' : 's'}? [y/N] `,
    );
    const accepted = /^\s*y(es)?\s*$/i.test(answer);
    if (!accepted) deps.stderr.write('Nothing was changed.\n');
    return accepted;
  };
}
