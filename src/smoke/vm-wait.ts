/**
 * Waiting for the smoke VM, bounded: after the Run Once it must reach `up`; a start that fails (a hook error,
 * facts §2.3) shows as the VM back at `down` with audit events saying why (`VM … is down with error. Exit
 * message: Hook Error: …`, `Failed to run VM …`). Right after the start request the VM may still read `down`
 * for a moment, so `down` only counts once it was seen starting, or once the events say it failed.
 */
import type { VmApi } from './vm-api.js';
import type { EventJson, VmJson } from './vm-json.js';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export type WaitResult =
  | { outcome: 'reached'; waitedMs: number; vm: VmJson }
  | { outcome: 'failed'; waitedMs: number; events: EventJson[] }
  | { outcome: 'timeout'; waitedMs: number; status: string };

// The words the audit events of a failed start carry (VM_DOWN_ERROR, USER_FAILED_RUN_VM; facts §2.3).
const FAILURE_TEXT = /Hook Error|is down with error|Failed to run VM|Exit message/i;

export function failureEvents(events: EventJson[]): EventJson[] {
  return events.filter((e) => FAILURE_TEXT.test(e.description ?? '') || e.severity === 'error');
}

/**
 * vdsm's hook failure in either wording: up to 4.30 "Hook Error: <stderr>", from 4.40 the exception's args tuple
 * "Hook Error: (b'<stderr>',)" (facts §8.5). Returns the hook's stderr as text, or undefined for other messages.
 */
export function hookErrorText(text: string): string | undefined {
  const at = text.search(/Hook Error: /i);
  if (at < 0) return undefined;
  let rest = text
    .slice(at + 'Hook Error: '.length)
    .trim()
    .replace(/\.$/, '');
  const tuple = /^\(b(['"])([\s\S]*)\1,\)$/.exec(rest);
  if (tuple) {
    // Python's bytes repr: \n, \t, \\, \' and \xNN escapes.
    rest = tuple[2]!.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, e: string) =>
      e[0] === 'x' ? String.fromCharCode(parseInt(e.slice(1), 16)) : (({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[e] ?? e),
    );
  }
  return rest.trim();
}

/**
 * The events' own words, the most telling first: a hook's stderr (either vdsm wording), else the exit message
 * (libvirt's/QEMU's refusal), prefixed with the host the engine tried when an event names it.
 */
export function explainFailure(events: EventJson[]): string {
  const texts = failureEvents(events)
    .map((e) => (e.description ?? '').trim())
    .filter(Boolean);
  const host = texts.map((t) => /Failed to run VM .* on Host (.+?)\.?$/.exec(t)?.[1]).find(Boolean);
  const on = host ? `on host ${host}: ` : '';
  const hookEvent = texts.find((t) => /Hook Error/i.test(t));
  if (hookEvent) {
    const stderr = hookErrorText(hookEvent);
    // vdsm 4.40+'s bytes tuple, shown as the hook's own words.
    return `${on}${stderr !== undefined && /Hook Error: \(b['"]/.test(hookEvent) ? hookEvent.replace(/Hook Error: [\s\S]*$/, `Hook Error: ${stderr}`) : hookEvent}`;
  }
  const exit = texts.find((t) => /Exit message/i.test(t));
  if (exit) return `${on}${exit}`;
  if (texts.length > 0) return `${on}${texts[0]!}`;
  return 'no engine event says why';
}

export async function waitForStatus(
  input: { api: VmApi; vmId: string; target: 'up' | 'down'; timeoutMs: number; pollMs: number; eventsAfter?: number },
  clock: Clock,
): Promise<WaitResult> {
  const started = clock.now();
  let seenOther = false;
  for (;;) {
    const vm = await input.api.getVm(input.vmId);
    const status = vm.status ?? 'unknown';
    const waitedMs = clock.now() - started;
    if (status === input.target) return { outcome: 'reached', waitedMs, vm };
    if (input.target === 'up' && status !== 'down') seenOther = true;
    if (input.target === 'up' && status === 'down' && input.eventsAfter !== undefined) {
      const events = await input.api.vmEventsAfter(input.vmId, input.eventsAfter);
      if (seenOther || failureEvents(events).length > 0) return { outcome: 'failed', waitedMs, events };
    }
    if (waitedMs >= input.timeoutMs) return { outcome: 'timeout', waitedMs, status };
    await clock.sleep(Math.min(input.pollMs, Math.max(0, input.timeoutMs - waitedMs)));
  }
}
