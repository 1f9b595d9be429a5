import { describe, expect, it } from 'vitest';
import { ChannelLimit } from '../../../src/ssh/channel-limit.js';

describe('ChannelLimit', () => {
  it('never lets more than max hold a slot and serves waiters in order', async () => {
    const limit = new ChannelLimit(3);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const release = await limit.acquire();
        order.push(i);
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active -= 1;
        release();
        release(); // a second call must not free a second slot
      }),
    );
    expect(peak).toBe(3);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(limit.active).toBe(0);
  });

  it('refuses a nonsensical limit', () => {
    expect(() => new ChannelLimit(0)).toThrow(RangeError);
  });
});
