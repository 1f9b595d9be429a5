/**
 * Running the smoke test's small remote scripts: the script travels on stdin of `sh -s` (never in argv), runs
 * privileged (root, or `sudo -n` for a sudo login), and every value in it was put there with quote().
 */
import type { ExecResult, Transport } from '../ssh/transport.js';

/** Run `lines` as one POSIX sh script on `transport`. Non-zero exits are values; transport failures throw. */
export function runScript(transport: Transport, lines: readonly string[]): Promise<ExecResult> {
  return transport.exec('sh -s', { stdin: `${lines.join('\n')}\n` });
}

/** The last non-empty line of a command's stderr (or stdout), for messages. */
export function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(-1)[0] ?? ''
  );
}

/** The message of anything thrown. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Run `work` for every item at once; the results in input order, each a value or the error it threw. */
export async function settleEach<T, R>(
  items: readonly T[],
  work: (item: T) => Promise<R>,
): Promise<({ ok: true; value: R } | { ok: false; error: unknown })[]> {
  return Promise.all(
    items.map(async (item) => {
      try {
        return { ok: true as const, value: await work(item) };
      } catch (error) {
        return { ok: false as const, error };
      }
    }),
  );
}
