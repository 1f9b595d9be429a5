/**
 * What a run tells while it runs: the runner emits these events, a progress view (src/report/progress.ts)
 * shows them. Defined here so neither side imports the other (DESIGN.md §3).
 */
import type { Role } from '../check-api.js';
import type { HostResult } from './model.js';

export type HostStage = 'connect' | 'probe' | 'plan' | 'apply' | 'handlers' | 'reprobe';

export interface ProgressSink {
  hostStarted(host: { name: string; role: Role; address: string }): void;
  hostStage(name: string, stage: HostStage): void;
  hostFinished(result: HostResult): void;
}
