/**
 * Run progress on stderr, driven by the runner's ProgressSink events. listr2 is the view only (house-style
 * §2.7): one task per host, all concurrent, `exitOnError: false` so one unreachable host never ends the display
 * of the others. Silent for machine formats and off a TTY (DESIGN §2): the CLI then uses `silentProgress()`.
 */
import { Listr, ListrLogger, ProcessOutput } from 'listr2';
import type { HostRef } from '../check-api.js';
import type { ProgressSink } from '../result/progress-events.js';
import type { HostResult } from '../result/model.js';

export interface ProgressView {
  readonly sink: ProgressSink;
  /**
   * End the current display (hosts not finished are shown at their last stage), e.g. before `apply` prints its
   * plan and asks. The next event opens a new display for the hosts still running.
   */
  pause(): Promise<void>;
  /** End the display for good; later events are ignored. Idempotent. */
  stop(): Promise<void>;
}

export interface ListrProgressOptions {
  /** The hosts the run will work on, in report order (listr2 needs its tasks up front). */
  hosts: HostRef[];
  /** Where the display goes: stderr, so stdout stays the report's. */
  stream: NodeJS.WriteStream;
  /** `test` serialises events instead of drawing (tests only). @defaultValue "default" */
  renderer?: 'default' | 'test';
}

const noop = () => undefined;

/** A view that shows nothing: machine formats, or stderr is not a terminal. */
export function silentProgress(): ProgressView {
  return { sink: { hostStarted: noop, hostStage: noop, hostFinished: noop }, pause: async () => undefined, stop: async () => undefined };
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve = noop as () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

interface HostEntry {
  ref: HostRef;
  stage?: string;
  result?: HostResult;
  finished: Deferred;
  setTitle?: (title: string) => void;
}

function baseTitle(ref: HostRef): string {
  return `${ref.name} (${ref.role} ${ref.address})`;
}

/** `hv1: 4 ok, 1 drift` — the non-zero status counts of a finished host. */
export function finishedTitle(result: HostResult): string {
  const counts = new Map<string, number>();
  for (const check of result.checks) counts.set(check.status, (counts.get(check.status) ?? 0) + 1);
  const parts = [...counts].map(([status, n]) => `${n} ${status}`);
  return `${result.name}: ${parts.length ? parts.join(', ') : 'no checks'}`;
}

/**
 * A terminal that reports 0 columns (a pty nobody sized, e.g. under `script` or some CI runners) would make
 * listr2 wrap every character onto its own line; fall back to 80 columns there.
 */
function withColumnsFallback(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  if (stream.columns) return stream;
  return new Proxy(stream, {
    get(target, prop) {
      if (prop === 'columns') return target.columns || 80;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function listrProgress(options: ListrProgressOptions): ProgressView {
  const entries = new Map<string, HostEntry>(options.hosts.map((ref) => [ref.name, { ref, finished: deferred() }]));
  const renderer = options.renderer ?? 'default';
  // Both listr2 "stdout" and "stderr" are our stderr: the report owns stdout.
  const stream = withColumnsFallback(options.stream);
  const logger = new ListrLogger({ processOutput: new ProcessOutput(stream, stream) });
  let display: { closing: Deferred; done: Promise<void> } | undefined;
  let stopped = false;

  const hostTask = (entry: HostEntry, closing: Deferred) => ({
    title: entry.stage ? `${baseTitle(entry.ref)} — ${entry.stage}` : baseTitle(entry.ref),
    task: async (_ctx: unknown, task: { title: string }) => {
      entry.setTitle = (title) => (task.title = title);
      // A stage may have arrived before listr2 started this task.
      if (entry.stage) task.title = `${baseTitle(entry.ref)} — ${entry.stage}`;
      await Promise.race([entry.finished.promise, closing.promise]);
      entry.setTitle = undefined;
      const result = entry.result;
      if (!result) return;
      if (!result.reachable) throw new Error(`${result.name}: unreachable: ${result.error ?? 'no connection'}`);
      task.title = finishedTitle(result);
      if (result.checks.some((c) => c.status === 'error')) throw new Error(task.title);
    },
  });

  const open = () => {
    const pending = [...entries.values()].filter((e) => !e.result);
    if (display || stopped || pending.length === 0) return;
    const closing = deferred();
    const rendererOptions = { logger };
    const listr = new Listr(
      pending.map((e) => hostTask(e, closing)),
      {
        concurrent: true,
        exitOnError: false,
        // SIGINT must reach main's handling, not listr2's process.exit(127).
        registerSignalListeners: false,
        renderer,
        fallbackRenderer: renderer,
        rendererOptions,
        fallbackRendererOptions: rendererOptions,
      },
    );
    display = { closing, done: listr.run().then(noop, noop) };
  };

  const entryFor = (ref: HostRef) => {
    let entry = entries.get(ref.name);
    if (!entry) entries.set(ref.name, (entry = { ref, finished: deferred() }));
    return entry;
  };

  const sink: ProgressSink = {
    hostStarted: (host) => {
      entryFor(host);
      open();
    },
    hostStage: (name, stage) => {
      const entry = entries.get(name);
      if (!entry) return;
      entry.stage = stage;
      open();
      entry.setTitle?.(`${baseTitle(entry.ref)} — ${stage}`);
    },
    hostFinished: (result) => {
      const entry = entries.get(result.name);
      if (!entry) return;
      open();
      entry.result = result;
      entry.finished.resolve();
    },
  };

  const pause = async () => {
    const current = display;
    if (!current) return;
    display = undefined;
    current.closing.resolve();
    await current.done;
  };

  open();
  return {
    sink,
    pause,
    stop: async () => {
      stopped = true;
      await pause();
    },
  };
}
