/**
 * The demo's clock. The demo moves time forward to show expiry without waiting for it, and every part
 * must agree on the time: the emulators, the plugin, the DynamoDB signature check, and the AWS SDK, which
 * decides when its cached credentials are stale from `Date.now()` and cannot be given another clock.
 * So the demo's clock is this process's `Date.now`, shifted while the demo runs. (An app never does
 * this; it is how a demo makes an hour pass in a second.)
 */
export interface DemoClock {
  readonly now: () => number;
  advance(ms: number): void;
  /** Back to the real time (for parts that run on their own real clock, like an authenticator app). */
  reset(): void;
  /** Gives `Date.now` back its real time. */
  restore(): void;
}

export function installDemoClock(): DemoClock {
  const realNow = Date.now;
  let offset = 0;
  const now = (): number => realNow() + offset;
  Date.now = now;
  return {
    now,
    advance: (ms) => void (offset += ms),
    reset: () => void (offset = 0),
    restore: () => {
      if (Date.now === now) Date.now = realNow;
    },
  };
}
