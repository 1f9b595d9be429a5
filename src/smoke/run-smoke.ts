/**
 * `smoke`: the stages of issue 5 §2 in order, each timed, stopping at the first broken link. After a stage
 * fails, the later ones are reported `skipped` ("not run: X failed") — except cleanup, which still runs once
 * something was uploaded (a real image holds secrets). Returns the report (the preflight's hosts plus
 * `smoke.stages`); never prints (DESIGN §3).
 */
import { randomBytes } from 'node:crypto';
import type { RunReport, SmokeStage } from '../result/model.js';
import { summarize } from '../result/summary.js';
import { TOOL_VERSION } from '../version.js';
import { SmokeConnections } from './connections.js';
import { errorText } from './remote.js';
import { runBuildStage } from './stage-build.js';
import { runCleanupStage } from './stage-cleanup.js';
import { runConfinementStage } from './stage-confinement.js';
import { runHookStage } from './stage-hook.js';
import { runPreflightStage } from './stage-preflight.js';
import { runUploadStage } from './stage-upload.js';
import { runVisibilityStage } from './stage-visibility.js';
import { runVmStage } from './stage-vm.js';
import { chipsetOf, chooseSmokeDevice } from './payload-choice.js';
import { VmApi } from './vm-api.js';
import { assessVm, type VmAssessment } from './vm-assess.js';
import { STAGE_NAMES, type SmokeDeps, type SmokeOptions, type SmokeState, type StageName, type StageOutcome } from './types.js';

type StageRunner = () => StageOutcome | Promise<StageOutcome>;

interface RunParts {
  options: SmokeOptions;
  deps: SmokeDeps;
  state: SmokeState;
  connections: SmokeConnections;
}

function stageRunners({ options, deps, state, connections }: RunParts): Record<StageName, StageRunner> {
  const { config } = options;
  const randomHex = deps.randomHex ?? ((n: number) => randomBytes(n).toString('hex'));
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return {
    preflight: () => runPreflightStage({ config, acceptNewHostKeys: options.acceptNewHostKeys }, deps, state),
    build: async () => {
      const chipset = chipsetOf(await smokeVmAssessment(config, deps.engineApi, state));
      const choice = chooseSmokeDevice(config, state.preflightReport, chipset);
      return runBuildStage({ config, randomHex, now: new Date(now()), choice }, state);
    },
    upload: () => runUploadStage({ config, connections }, state),
    confinement: () => runConfinementStage({ config, connections, randomHex }),
    visibility: () => runVisibilityStage({ config, connections }, state),
    hook: () => runHookStage({ connections, randomHex }, state),
    vm: () =>
      runVmStage(
        {
          config,
          connections,
          ...(deps.engineApi ? { api: deps.engineApi } : {}),
          clock: { now, sleep },
          pollMs: deps.pollIntervalMs ?? 1000,
        },
        state,
      ),
    cleanup: () => runCleanupStage({ config, connections, keep: options.keep }, state),
  };
}

/** The smoke VM's chipset as the engine has it, or undefined (no VM configured, no API, or not found: the VM stage says why). */
async function smokeVmAssessment(
  config: SmokeOptions['config'],
  api: SmokeDeps['engineApi'],
  state: SmokeState,
): Promise<VmAssessment | undefined> {
  if (!config.smoke?.vm || !config.engineApi || !api) return undefined;
  try {
    const vms = new VmApi(api);
    const found = await vms.findVm(config.smoke.vm);
    if ('problem' in found) return undefined;
    const vm = await vms.getVm(found.vm.id);
    const cluster = vm.cluster?.id ? await vms.getCluster(vm.cluster.id) : undefined;
    state.smokeVm = { id: found.vm.id, ...(vm.cluster?.id ? { clusterId: vm.cluster.id } : {}), ...(cluster ? { cluster } : {}) };
    return assessVm(vm, cluster);
  } catch {
    return undefined;
  }
}

async function timed(name: StageName, run: StageRunner, deps: SmokeDeps): Promise<SmokeStage> {
  deps.progress?.stageStarted(name);
  const started = performance.now();
  let outcome: StageOutcome;
  try {
    outcome = await run();
  } catch (error) {
    // Anything a stage did not expect (a lost connection, a timeout, an engine error) breaks its link too.
    outcome = { status: 'failed', message: errorText(error) };
  }
  const stage: SmokeStage = { name, status: outcome.status, durationMs: Math.round(performance.now() - started), message: outcome.message };
  if (outcome.details && outcome.details.length > 0) stage.details = outcome.details;
  if (outcome.evidence) stage.evidence = outcome.evidence;
  deps.progress?.stageFinished(stage);
  return stage;
}

function notRun(name: StageName, message: string, deps: SmokeDeps): SmokeStage {
  const stage: SmokeStage = { name, status: 'skipped', durationMs: 0, message };
  deps.progress?.stageStarted(name);
  deps.progress?.stageFinished(stage);
  return stage;
}

export async function runSmoke(options: SmokeOptions, deps: SmokeDeps): Promise<RunReport> {
  const startedAt = new Date();
  const state: SmokeState = {};
  const connections = new SmokeConnections(options.config, deps.connector, options.acceptNewHostKeys);
  const runners = stageRunners({ options, deps, state, connections });
  const stages: SmokeStage[] = [];
  let broken: SmokeStage | undefined;
  try {
    for (const name of STAGE_NAMES) {
      if (name === 'preflight' && options.preflight === false) {
        stages.push(notRun(name, 'not run: preflight turned off', deps));
      } else if (name === 'cleanup' && broken && !state.uploadStarted) {
        stages.push(notRun(name, `not run: nothing was uploaded before ${broken.name} failed`, deps));
      } else if (broken && name !== 'cleanup') {
        stages.push(notRun(name, `not run: ${broken.name} failed`, deps));
      } else {
        const stage = await timed(name, runners[name], deps);
        stages.push(stage);
        if (stage.status === 'failed') broken ??= stage;
      }
    }
  } finally {
    await connections.closeAll();
  }
  const hosts = state.preflightReport?.hosts ?? [];
  return {
    schemaVersion: 1,
    tool: { name: 'ovirt-floppy', version: TOOL_VERSION },
    command: 'smoke',
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    summary: summarize(hosts),
    hosts,
    smoke: { stages },
  };
}
