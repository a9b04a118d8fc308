import type { Logger } from '@plugboard/core';
import { notConfigured } from '../model/notConfigured.js';
import type { ConfiguredPlugin } from './createRuntime.js';
import { loadModules, type RuntimeModule, type UserPoolModule } from './loadRuntimeModule.js';

/**
 * One configuration of the plugin. Its runtime (machine, store, fetcher) is built when the plugin's code
 * has loaded (with the user-pool code when the configuration has a user pool): `configure` starts that
 * load and the restore of the stored session follows it. Calls keep the slot current when they were
 * made, as they kept the runtime before: a reset abandons them, a later reconfiguration does not move them.
 */
export class RuntimeSlot {
  #configured: ConfiguredPlugin | undefined;
  #module: RuntimeModule | undefined;
  #reset = false;

  constructor(
    private readonly create: (module: RuntimeModule, userPool?: UserPoolModule) => ConfiguredPlugin,
    readonly logger: Logger,
    /** The configuration has a user pool: its runtime needs the user-pool code (sessions, refresh, hosted UI). */
    readonly needsUserPool: boolean,
  ) {
    loadModules(needsUserPool)
      .then(([module, userPool]) => {
        if (!this.#reset) this.runtime(module, userPool);
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
  runtime(module: RuntimeModule, userPool?: UserPoolModule): ConfiguredPlugin {
    if (this.#reset) throw module.abandonedByReset();
    if (!this.#configured) {
      this.#configured = this.create(module, userPool);
      this.#module = module;
    }
    return this.#configured;
  }

  /** Abandons every operation of this configuration, queued or still waiting for the code. */
  async reset(): Promise<void> {
    this.#reset = true;
    if (this.#configured && this.#module) await this.#configured.machine.reset(this.#module.abandonedByReset);
  }
}

/** The runtime for a call made under `slot` (undefined: the plugin was not configured then). */
export function runtimeOf(
  slot: RuntimeSlot | undefined,
  module: RuntimeModule,
  userPool: UserPoolModule | undefined,
): () => ConfiguredPlugin {
  return () => {
    if (!slot) throw notConfigured();
    return slot.runtime(module, userPool);
  };
}
