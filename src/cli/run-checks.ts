/**
 * `check` and `apply`: load the config (contacting nobody), run, render, and return how the command ended.
 * apply off a terminal without --yes only plans (DESIGN §2) and is refused (exit 2) with a hint.
 */
import type { Outcome } from '../result/exit-code.js';
import { resolveColorLevel } from '../report/human.js';
import { renderNagiosUnknown } from '../report/nagios.js';
import { isMachineFormat, renderReport, type ReportFormat } from '../report/render.js';
import { silentProgress } from '../report/progress.js';
import { countReport } from '../result/summary.js';
import { assertOutputWritable, writeOutputAtomic } from '../report/write-output.js';
import { confirmOnTerminal } from './confirm.js';
import type { CliDeps } from './deps.js';
import { discoverHypervisors } from '../engine-api/discovery.js';
import { skippedInScope, withSkippedHosts } from './skipped-hosts.js';
import { onlyFailedHosts, openHistory, saveHistory, withHistory } from './history.js';
import { targetHosts } from './target-hosts.js';
import { defaultMemoPath, readMemoFile, writeMemoFile } from '../probe-memo/memo-file.js';

export interface RunChecksOptions {
  command: 'check' | 'apply';
  /** `-c FILE` */
  configPath?: string;
  only?: string[];
  format: ReportFormat;
  /** `--output PATH` (check): write the report there atomically instead of stdout. */
  output?: string;
  /** `apply --dry-run` */
  dryRun: boolean;
  /** `apply --diff` */
  showDiff: boolean;
  /** `apply --yes` */
  yes: boolean;
  /** `-v/--verbose`: the human report lists every check. */
  verbose?: boolean;
  /** check: `--state FILE`, false with `--no-state`, undefined for the default path. */
  state?: string | false;
  /** check: `--only-failed`. */
  onlyFailed?: boolean;
  /** Plan-changing flags for checks, e.g. `{ cleanupStale: true }`. */
  flags: Record<string, boolean>;
  acceptNewHostKeys: boolean;
  color: boolean;
}

export async function runChecks(options: RunChecksOptions, deps: CliDeps): Promise<Outcome> {
  if (options.output) await assertOutputWritable(options.output);
  const loaded = await deps.loadConfig({ path: options.configPath, env: deps.env, cwd: deps.cwd });
  for (const w of loaded.warnings) deps.stderr.write(`warning: ${loaded.file}: ${w.path}: ${w.message}\n`);

  const engineFacts = await deps.engineFactsSource(loaded.config, deps.env);
  const inventorySource = deps.engineInventorySource ? await deps.engineInventorySource(loaded.config, deps.env) : undefined;
  // Before anything is contacted over SSH: with `discover:` the engine decides which hypervisors there are.
  const engineInventory = inventorySource ? await inventorySource() : undefined;
  const { config, skipped } = discoverHypervisors(loaded.config, engineInventory);
  const registry = await deps.loadRegistry();

  const history =
    options.command === 'check'
      ? await openHistory({
          state: options.state,
          onlyFailed: options.onlyFailed ?? false,
          configFile: loaded.file,
          env: deps.env,
          cwd: deps.cwd,
          stderr: deps.stderr,
        })
      : undefined;
  // The probe memo (Check.remember): kept like the history, per config; `--no-state` keeps nothing between runs.
  const memoPath = options.state === false ? undefined : defaultMemoPath(loaded.file, deps.env);
  const probeMemo = memoPath ? await readMemoFile(memoPath) : undefined;
  const selected = targetHosts(config, options.only).map((h) => h.name);
  const only = onlyFailedHosts(history, selected) ?? options.only;

  const interactive = deps.isTTY.stdin && deps.isTTY.stderr;
  const wantsChanges = options.command === 'apply' && !options.dryRun;
  const planOnly = wantsChanges && !options.yes && !interactive;
  const showProgress = !isMachineFormat(options.format) && deps.isTTY.stderr;
  const hosts = targetHosts(config, only);
  const progress = showProgress ? deps.createProgress(hosts) : silentProgress();
  const confirm =
    wantsChanges && !options.yes && interactive
      ? confirmOnTerminal({ deps, progress, showDiff: options.showDiff, color: options.color, verbose: options.verbose ?? false })
      : undefined;

  // Ctrl-C during apply: finish the step in progress (a file write is atomic), start nothing else, then report
  // what changed and exit non-zero. A second Ctrl-C gets Node's default (immediate exit): our listener is gone.
  const interrupt = new AbortController();
  const onSigint = () => {
    interrupt.abort();
    deps.stderr.write('interrupted: finishing the step in progress, then stopping (Ctrl-C again to quit at once)\n');
  };
  if (wantsChanges) process.once('SIGINT', onSigint);
  let report;
  try {
    report = await deps.run({
      signal: interrupt.signal,
      command: options.command,
      config,
      only,
      dryRun: options.dryRun || planOnly,
      flags: options.flags,
      acceptNewHostKeys: options.acceptNewHostKeys,
      connector: await deps.createConnector(),
      registry,
      progress: progress.sink,
      confirm,
      engineFacts,
      engineInventory,
      ...(probeMemo ? { probeMemo } : {}),
      ...(inventorySource ? { refreshEngineInventory: inventorySource } : {}),
    });
    report = withSkippedHosts(report, skippedInScope(skipped, options.only));
  } finally {
    process.removeListener('SIGINT', onSigint);
    await progress.stop();
  }

  let next;
  if (history)
    ({ report, next } = withHistory(
      report,
      history,
      loaded.file,
      targetHosts(config).map((h) => h.name),
    ));

  const toTerminal = !options.output && deps.isTTY.stdout;
  const colorLevel = resolveColorLevel({ color: options.color, env: deps.env, isTTY: toTerminal });
  const planned = countReport(report).changesPlanned;
  const text =
    planOnly && options.format === 'nagios'
      ? renderNagiosUnknown(`apply needs --yes off a terminal; ${planned} changes planned, nothing changed`)
      : renderReport(report, options.format, { colorLevel, showDiff: options.showDiff, verbose: options.verbose ?? false });
  if (options.output) await writeOutputAtomic(options.output, text);
  else deps.stdout.write(text);
  if (history && next) await saveHistory(history, next, deps.stderr);
  if (memoPath && probeMemo) {
    await writeMemoFile(memoPath, probeMemo).catch((error: Error) =>
      deps.stderr.write(`warning: cannot keep the probe memo in ${memoPath}: ${error.message}\n`),
    );
  }

  if (planOnly) {
    deps.stderr.write(
      `apply: not a terminal and no --yes, so nothing was changed (${planned} change${planned === 1 ? '' : 's'} planned); re-run with --yes to apply\n`,
    );
    return { kind: 'refused', format: options.format };
  }
  return { kind: 'report', report, format: options.format };
}
