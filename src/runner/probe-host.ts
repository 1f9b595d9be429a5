/**
 * Probe a host: one script with the facts commands and every probe command of every check, run in ONE exec,
 * split back, and each parser fed its part. Errors are values per check (a bad parser never hides the others).
 * Identical commands of different probes run once in the script (buildProbeScript); every key still gets its
 * output. A command whose exit status was lost (it exec'd; see probe-script.ts) fails its own check with a
 * distinct error; its parser never sees a made-up status.
 */
import type { Check, HostFacts, Probe, ProbeContext } from '../check-api.js';
import { ParseError, RemoteCommandError } from '../errors.js';
import type { Transport } from '../ssh/transport.js';
import { commandLine } from './command-line.js';
import { FACT_COMMANDS, parseHostFacts } from './host-facts.js';
import { buildProbeScript, newNonce, splitProbeOutput, type ProbeOutput, type ScriptCommand } from './probe-script.js';
import { sudoRefusal } from './sudo-refusal.js';

/** The error of a probe whose command ended without reporting its exit status (`?` in the frame). */
export function statusUnknownError(host: string, key: string): RemoteCommandError {
  return new RemoteCommandError(
    host,
    `probe ${key}`,
    null,
    undefined,
    "the command exec'd, redirected the probe shell's stdout or replaced its EXIT trap",
  );
}

/** The single command every probe exec runs; the script travels on stdin. */
export const PROBE_EXEC_COMMAND = 'sh -s';

export type Observation = { ok: true; observed: unknown } | { ok: false; error: Error };

export interface ProbeItem {
  /** Unique per host: a check id. */
  id: string;
  probe: Probe<Record<string, unknown>>;
}

export interface ProbeResult {
  facts?: HostFacts;
  /** Per item id. */
  observations: Map<string, Observation>;
  raw: Map<string, ProbeOutput>;
}

async function runScript(transport: Transport, commands: ScriptCommand[], timeoutMs?: number): Promise<Map<string, ProbeOutput>> {
  const nonce = newNonce();
  const script = buildProbeScript(commands, nonce);
  const result = await transport.exec(PROBE_EXEC_COMMAND, { stdin: script, timeoutMs, privileged: true });
  if (result.exitCode !== 0) {
    // A login that cannot become root fails the host with one message naming the user and the remedy.
    const refused = sudoRefusal(transport.target, PROBE_EXEC_COMMAND, result);
    if (refused) throw refused;
    throw new RemoteCommandError(
      transport.target.name,
      `${PROBE_EXEC_COMMAND} (probe script)`,
      result.exitCode,
      result.signal,
      result.stderr,
    );
  }
  const outputs = splitProbeOutput(result.stdoutRaw ?? Buffer.from(result.stdout, 'utf8'), nonce);
  const missing = commands.filter((c) => !outputs.has(c.key)).map((c) => c.key);
  if (missing.length > 0) {
    throw new RemoteCommandError(
      transport.target.name,
      `${PROBE_EXEC_COMMAND} (probe script)`,
      result.exitCode,
      undefined,
      `${result.stderr}\nprobe script ended early; no output for ${missing.slice(0, 3).join(', ')}`,
    );
  }
  return outputs;
}

/** Feed each parser its part. A throwing parser, or a probe without exit status, becomes that item's error. */
export function parseObservations(items: readonly ProbeItem[], outputs: Map<string, ProbeOutput>, host = 'host'): Map<string, Observation> {
  const observations = new Map<string, Observation>();
  for (const item of items) {
    try {
      const observed: Record<string, unknown> = {};
      for (const [name, cmd] of Object.entries(item.probe)) {
        const key = `${item.id}/${name}`;
        const out = outputs.get(key) ?? { stdout: '', exitCode: 127 };
        if (out.statusUnknown) throw statusUnknownError(host, key);
        observed[name] = cmd.parse(out.stdout, out.exitCode);
      }
      observations.set(item.id, { ok: true, observed });
    } catch (error) {
      observations.set(item.id, { ok: false, error: error instanceof Error ? error : new ParseError(item.id, String(error)) });
    }
  }
  return observations;
}

export function scriptCommands(items: readonly ProbeItem[]): ScriptCommand[] {
  return items.flatMap((item) =>
    Object.entries(item.probe).map(([name, cmd]) => ({ key: `${item.id}/${name}`, command: commandLine(cmd.run) })),
  );
}

/**
 * One exec for facts and probes. Probes that need facts to build their commands cannot exist (facts arrive
 * in the same script); checks read facts in compare/fix instead.
 */
export async function probeHost(
  transport: Transport,
  items: readonly ProbeItem[],
  options: { withFacts: boolean; timeoutMs?: number },
): Promise<ProbeResult> {
  const commands = [...(options.withFacts ? FACT_COMMANDS : []), ...scriptCommands(items)];
  const raw = await runScript(transport, commands, options.timeoutMs);
  // Every check reads the facts: one without its status would be silently wrong everywhere, so the host fails.
  const lostFact = options.withFacts ? FACT_COMMANDS.find((c) => raw.get(c.key)?.statusUnknown) : undefined;
  if (lostFact) throw statusUnknownError(transport.target.name, lostFact.key);
  const facts = options.withFacts ? parseHostFacts(raw) : undefined;
  return { facts, observations: parseObservations(items, raw, transport.target.name), raw };
}

/** Build the probe of a check for a context; a throwing probe builder is an error of that check. */
export function buildProbe<C>(check: Pick<Check<unknown, C>, 'id' | 'probe'>, ctx: ProbeContext<C>): ProbeItem {
  return { id: check.id, probe: check.probe(ctx) as Probe<Record<string, unknown>> };
}
