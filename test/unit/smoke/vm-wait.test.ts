import { describe, expect, it } from 'vitest';
import { VmApi } from '../../../src/smoke/vm-api.js';
import type { EventJson, VmJson } from '../../../src/smoke/vm-json.js';
import { explainFailure, waitForStatus } from '../../../src/smoke/vm-wait.js';

/** A VmApi over a scripted sequence of statuses and an event list that grows as polls go by. */
function scripted(statuses: string[], eventsAt: Record<number, EventJson[]> = {}) {
  let poll = 0;
  const events: EventJson[] = [];
  const requester = {
    async request<T>(_method: string, path: string): Promise<T> {
      if (path.startsWith('/vms/')) {
        poll += 1;
        events.push(...(eventsAt[poll] ?? []));
        return { id: 'v', status: statuses[Math.min(poll, statuses.length) - 1] } as VmJson as T;
      }
      return { event: [...events].reverse() } as T;
    },
  };
  let now = 0;
  return { api: new VmApi(requester), clock: { now: () => now, sleep: async (ms: number) => void (now += ms) }, polls: () => poll };
}

describe('waiting for the VM', () => {
  it('does not take the Down it still shows right after the start as a failure', async () => {
    const s = scripted(['down', 'down', 'wait_for_launch', 'powering_up', 'up']);
    const r = await waitForStatus({ api: s.api, vmId: 'v', target: 'up', timeoutMs: 60_000, pollMs: 1000, eventsAfter: 0 }, s.clock);
    expect(r).toMatchObject({ outcome: 'reached', waitedMs: 4000 });
  });

  it('takes Down after it was starting as the failure, with the events since the start', async () => {
    const hook = {
      id: '7',
      vm: { id: 'v' },
      severity: 'error',
      description: 'VM x is down with error. Exit message: Hook Error: floppy: boom.',
    };
    const s = scripted(['wait_for_launch', 'down'], { 2: [hook, { id: '8', vm: { id: 'other' }, description: 'Failed to run VM y' }] });
    const r = await waitForStatus({ api: s.api, vmId: 'v', target: 'up', timeoutMs: 60_000, pollMs: 1000, eventsAfter: 6 }, s.clock);
    expect(r).toEqual({ outcome: 'failed', waitedMs: 1000, events: [hook] });
  });

  it('takes Down as the failure at once when the events already say so', async () => {
    const s = scripted(['down'], { 1: [{ id: '3', vm: { id: 'v' }, description: 'Failed to run VM x (User: admin).' }] });
    expect(
      (await waitForStatus({ api: s.api, vmId: 'v', target: 'up', timeoutMs: 60_000, pollMs: 1000, eventsAfter: 2 }, s.clock)).outcome,
    ).toBe('failed');
  });

  it('gives up at the timeout', async () => {
    const s = scripted(['down']);
    const r = await waitForStatus({ api: s.api, vmId: 'v', target: 'up', timeoutMs: 5000, pollMs: 1000, eventsAfter: 0 }, s.clock);
    expect(r).toEqual({ outcome: 'timeout', waitedMs: 5000, status: 'down' });
    expect(s.polls()).toBe(6);
  });

  it('quotes the Hook Error line first, then any exit message, then any error event', () => {
    expect(
      explainFailure([{ description: 'Failed to run VM x' }, { description: 'VM x is down with error. Exit message: Hook Error: no.' }]),
    ).toBe('VM x is down with error. Exit message: Hook Error: no.');
    expect(explainFailure([{ description: 'Failed to run VM x (User: a).' }])).toBe('Failed to run VM x (User: a).');
    expect(explainFailure([{ description: 'VM x started' }])).toBe('no engine event says why');
  });
});
