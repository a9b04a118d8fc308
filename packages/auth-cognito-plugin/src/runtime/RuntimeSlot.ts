import type { Logger } from '@plugboard/core';
import { notConfigured } from '../model/notConfigured.js';
import type { ConfiguredPlugin } from './createRuntime.js';
import { loadCode, type LoadedCode } from './load.js';

/**
 * One configuration of the plugin. Its runtime (machine, store, fetcher) is built when the plugin's code
 * has loaded (with the user-pool side when the configuration has a user pool): `configure` starts that
 * load and the restore of the stored session follows it. Calls keep the slot current when they were
 * made: a reset abandons them, a later reconfiguration does not move them.
 */
export class RuntimeSlot {
  #configured: ConfiguredPlugin | undefined;
  #code: LoadedCode | undefined;
  #reset = false;

  constructor(
    private readonly create: (code: LoadedCode) => ConfiguredPlugin,
    readonly logger: Logger,
    /** The configuration has a user pool: its runtime needs the user-pool side (sessions, refresh, hosted UI). */
    readonly needsUserPool: boolean,
    /** How long a load of the code may take (the plugin's request deadline). */
    readonly loadMs: number,
  ) {
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

  /** The runtime, built on first need; a reset slot refuses. */
  runtime(code: LoadedCode): ConfiguredPlugin {
    if (this.#reset) throw code.runtime.abandonedByReset();
    if (!this.#configured) {
      this.#configured = this.create(code);
      this.#code = code;
    }
    return this.#configured;
  }

  /** Abandons every operation of this configuration, queued or still waiting for the code. */
  async reset(): Promise<void> {
    this.#reset = true;
    if (this.#configured && this.#code)
      await this.#configured.machine.reset(this.#code.runtime.abandonedByReset);
  }
}

/** The runtime for a call made under `slot` (undefined: the plugin was not configured then). */
export function runtimeOf(slot: RuntimeSlot | undefined, code: LoadedCode): () => ConfiguredPlugin {
  return () => {
    if (!slot) throw notConfigured();
    return slot.runtime(code);
  };
}
