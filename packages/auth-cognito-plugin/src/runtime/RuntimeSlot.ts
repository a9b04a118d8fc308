import type { Logger } from '@plugboard/core';
import { callDeadlineMs, withDeadline } from '../clients/deadline.js';
import { notConfigured } from '../model/notConfigured.js';
import type { ConfiguredPlugin } from './createRuntime.js';
import { loadCode, loadInOrder, type LoadedCode } from './load.js';

/**
 * One configuration of the plugin. Its runtime (machine, store, fetcher) is built when the plugin's code
 * has loaded (with the user-pool side when the configuration has a user pool): `configure` starts that
 * load and the restore of the stored session follows it. Calls keep the slot current when they were
 * made: a reset abandons them, a later reconfiguration does not move them.
 *
 * Reconfiguration is an operation in the same serial order: the restore of a configuration waits until
 * the operations of the configuration before it have settled (a federation in flight has stored its
 * session), so with the same pools the new configuration restores that session; with other pools the
 * session is keyed apart and nothing carries over. The wait is bounded ({@link RuntimeSlot.settled}).
 */
export class RuntimeSlot {
  #configured: ConfiguredPlugin | undefined;
  #code: LoadedCode | undefined;
  #reset = false;
  /** A later configuration replaced this one: its machine no longer follows other contexts. */
  #replaced = false;
  /** The configuration before this one, until this one's restore has waited for it. */
  #previous: RuntimeSlot | undefined;

  constructor(
    /** Builds the runtime; its restore runs after `before()` settles, if given (see `createRuntime`). */
    private readonly create: (code: LoadedCode, before?: () => Promise<void>) => ConfiguredPlugin,
    readonly logger: Logger,
    /** The configuration has a user pool: its runtime needs the user-pool side (sessions, refresh, hosted UI). */
    readonly needsUserPool: boolean,
    /** How long a load of the code may take (the plugin's request deadline). */
    readonly loadMs: number,
    /** The configuration this one replaces (undefined after a reset or on the first configure). */
    previous: RuntimeSlot | undefined,
    /**
     * Build the runtime (and so restore the session) as soon as the code has loaded; else on the first
     * call: a storage that reads at once (`readNow.ts`) restores then, and an auth context whose work
     * never calls auth reads nothing and has nothing to reset.
     */
    eager: boolean,
  ) {
    this.#previous = previous;
    if (previous) previous.#replace();
    if (!eager) return;
    loadCode(needsUserPool, loadMs)
      .then((code) => {
        if (!this.#reset) this.runtime(code);
      })
      .catch((error: unknown) =>
        logger.warn('The auth plugin could not load its code yet; the next call tries again.', error),
      );
  }

  /** The runtime, once built. */
  get configured(): ConfiguredPlugin | undefined {
    return this.#configured;
  }

  /** A later configuration or a reset replaced this one (calls made under it still run on it). */
  get replaced(): boolean {
    return this.#replaced || this.#reset;
  }

  /** The runtime, built on first need; a reset slot refuses. */
  runtime(code: LoadedCode): ConfiguredPlugin {
    if (this.#reset) throw code.runtime.abandonedByReset();
    if (!this.#configured) {
      this.#configured = this.create(code, this.#previous && (() => this.#afterPrevious()));
      this.#code = code;
      if (this.#replaced) this.#configured.machine.stopFollowing();
    }
    return this.#configured;
  }

  /**
   * Settles once the operations of this configuration and of the ones before it have settled: every
   * call made under them has its code and reached its queue (the loads resume in call order), and that
   * queue is idle. Never rejects.
   */
  async settled(): Promise<void> {
    await this.#previous?.settled();
    for (;;) {
      await loadInOrder(false, this.loadMs).catch(() => undefined);
      // Calls resumed by that load queue their operation within the same turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const last = this.#configured?.machine.lastQueued();
      if (!last) return;
      await last.catch(() => undefined);
    }
  }

  /**
   * The wait before this configuration's restore: the previous configuration's operations, each
   * bounded by the request deadline; at most as long as one federation may take (two Cognito calls and
   * a storage write), after which the restore goes on with what is stored.
   */
  async #afterPrevious(): Promise<void> {
    const previous = this.#previous;
    if (!previous) return;
    const ms = 2 * callDeadlineMs(this.loadMs) + this.loadMs;
    try {
      await withDeadline(previous.settled(), ms, () => new Error(`not settled within ${ms} ms`));
    } catch (error) {
      this.logger.warn(
        'The operations of the previous auth configuration did not settle; restoring the stored session without them.',
        error,
      );
    }
    this.#previous = undefined; // the chain of configurations is not kept alive
  }

  /**
   * Replaced by a later configuration: the operations called under this one go on, but only the new
   * machine follows other contexts (two would publish each change twice).
   */
  #replace(): void {
    this.#replaced = true;
    this.#configured?.machine.stopFollowing();
  }

  /** Abandons every operation of this configuration, queued or still waiting for the code. */
  reset(): Promise<void> {
    this.#reset = true;
    return this.#configured && this.#code
      ? this.#configured.machine.reset(this.#code.runtime.abandonedByReset)
      : Promise.resolve();
  }
}

/**
 * The runtime for a call made under `slot` (undefined: the plugin was not configured then), and whether
 * that configuration has been replaced since (for a call that waits outside the queue).
 */
export function runtimeOf(
  slot: RuntimeSlot | undefined,
  code: LoadedCode,
): (() => ConfiguredPlugin) & { readonly replaced: () => boolean } {
  const runtime = (): ConfiguredPlugin => {
    if (!slot) throw notConfigured();
    return slot.runtime(code);
  };
  return Object.assign(runtime, { replaced: () => slot?.replaced ?? false });
}
