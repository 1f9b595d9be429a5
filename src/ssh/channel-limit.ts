/**
 * A counting semaphore for the channels (exec sessions, sftp, forwards) open on one connection. OpenSSH's
 * MaxSessions defaults to 10 and ssh2 users hit "Channel open failure" beyond it (conventions §0 item 3), so a
 * connection keeps at most `max` open and queues the rest in call order.
 */
export class ChannelLimit {
  private open = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`channel limit must be a positive integer, got ${max}`);
  }

  /** Channels currently held. */
  get active(): number {
    return this.open;
  }

  /** Resolves with a release function once a slot is free; calling release more than once is harmless. */
  async acquire(): Promise<() => void> {
    if (this.open >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.open += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `open` stays the same.
      if (next) next();
      else this.open -= 1;
    };
  }
}
