import { HubChannel, type HubPublisher, type Logger } from '@plugboard/core';
import type { SessionStore } from '../session/SessionStore.js';
import type { AuthEvent, AuthState } from './AuthState.js';
import { SerialQueue } from './SerialQueue.js';
import { transition } from './transition.js';

/**
 * Holds the current {@link AuthState} and is the one place where transitions take effect: storage is
 * written first, then the state changes in memory, then Hub events go out. If the storage write fails,
 * the state stays as it was and the error reaches the caller, so nothing is ever half-written.
 */
export class AuthMachine {
  #state: AuthState = { kind: 'unconfigured' };
  readonly #queue = new SerialQueue();
  #lastTicket = 0;

  constructor(
    private readonly store: SessionStore,
    private readonly hub: HubPublisher,
    private readonly logger: Logger,
  ) {}

  get state(): AuthState {
    return this.#state;
  }

  /** True when no operation is queued or running. */
  get idle(): boolean {
    return this.#queue.idle;
  }

  /** Runs `task` after every operation queued before it. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.#lastTicket++;
    return this.#queue.run(task);
  }

  /** Increases with every queued operation: tells whether anything was queued since a given one. */
  get lastTicket(): number {
    return this.#lastTicket;
  }

  /** Applies `event`: storage effects (awaited, in order), then the new state, then Hub events. */
  async dispatch(event: AuthEvent): Promise<void> {
    const { state, effects } = transition(this.#state, event);
    for (const effect of effects) {
      if (effect.type === 'persist') await this.store.save(effect.persisted);
      else if (effect.type === 'erase') await this.store.erase();
    }
    const from = this.#state.kind;
    this.#state = state;
    if (from !== state.kind) this.logger.debug(`Auth state ${from} -> ${state.kind} (${event.type})`);
    for (const effect of effects) {
      if (effect.type === 'publish') this.hub.publish(HubChannel.AUTH, effect.event);
    }
  }
}
