/**
 * The smoke test's shared shapes: options, injected dependencies, what stages hand each other, and a stage's
 * outcome. A stage reports an expected failure as a value (`{status: 'failed', message}`); anything it throws
 * (connection lost, timeout) is turned into a failed stage by the orchestrator (run-smoke.ts).
 */
import type { EngineFacts, Registry } from '../check-api.js';
import type { Config, PayloadDevice } from '../config/types.js';
import type { RunReport, SmokeStage, VmEvidence } from '../result/model.js';
import type { RunOptions } from '../runner/run.js';
import type { Connector } from '../ssh/transport.js';
import type { ClusterJson } from './vm-json.js';

/** In run order (issue 5 §2). */
export const STAGE_NAMES = ['preflight', 'build', 'upload', 'confinement', 'visibility', 'hook', 'vm', 'cleanup'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface StageOutcome {
  status: SmokeStage['status'];
  /** One line that names what was proven, or the broken link. */
  message: string;
  details?: string[];
  evidence?: VmEvidence;
}

/** The part of EngineApi the VM stage uses (the real client, over a fake HttpClient in tests). */
export interface EngineRequester {
  request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T>;
}

export interface SmokeOptions {
  config: Config;
  /** `--keep`: leave the uploaded image in place (cleanup is skipped). */
  keep: boolean;
  acceptNewHostKeys: boolean;
  /**
   * Run the checks first. @defaultValue true. Only tests turn it off, to prove that a later stage catches a
   * broken link on its own (the checks would otherwise stop the run first).
   */
  preflight?: boolean;
}

export interface SmokeProgress {
  stageStarted(name: StageName): void;
  stageFinished(stage: SmokeStage): void;
}

export interface SmokeDeps {
  connector: Connector;
  /** The runner (src/runner/run.ts `run`), for the preflight stage. */
  runChecks(options: RunOptions): Promise<RunReport>;
  registry: Registry<Config>;
  engineFacts?: () => Promise<EngineFacts | undefined>;
  /** The engine REST API; without it the VM stage is skipped. */
  engineApi?: EngineRequester;
  progress?: SmokeProgress;
  /** @defaultValue crypto.randomBytes(n).toString('hex') */
  randomHex?(bytes: number): string;
  /** @defaultValue Date.now */
  now?(): number;
  /** @defaultValue setTimeout-based */
  sleep?(ms: number): Promise<void>;
  /** How often the VM stage polls the VM's status. @defaultValue 1000 */
  pollIntervalMs?: number;
}

/** The test image, once built. */
export interface SmokeImage {
  /** floppy (FAT12, property `floppy`) or cdrom (ISO 9660, floppy.cdProperty): payload-choice.ts. */
  device: PayloadDevice;
  /** The VM custom property that names it. */
  property: string;
  name: string;
  data: Buffer;
  sha256: string;
  /** The random marker file's content, so a reader can prove it is this run's image. */
  marker: string;
  /** As the upload user sees it: `/<floppySubdir>/<name>` inside the chroot. */
  uploadPath: string;
  /** On the sftp server outside the chroot: `<serverPath>/<name>`. */
  serverPath: string;
  /** On every hypervisor, and the value of the VM's payload property: `<clientPath>/<name>`. */
  clientPath: string;
}

/** What stages learn and later stages (and cleanup) need. */
export interface SmokeState {
  image?: SmokeImage;
  /** Set just before the first byte is written: from then on cleanup has something to delete. */
  uploadStarted?: boolean;
  /**
   * The smoke VM as the build stage found it (to pick the device for its chipset): the VM stage reuses the id and
   * the cluster instead of searching again, and reads the VM itself afresh (its status).
   */
  smokeVm?: { id: string; clusterId?: string; cluster?: ClusterJson };
  /** The preflight run, whose hosts go into the report. */
  preflightReport?: RunReport;
}
