import { HubChannel, type HubPublisher, type Logger } from '@plugboard/core';
import type { SessionStore } from './SessionStore.js';
import type { AuthEvent, AuthState, PersistedSession } from './AuthState.js';
import { SerialQueue, type QueuedTask } from './SerialQueue.js';
import { transition } from './transition.js';

/** What an operation sees of the machine: the state, and `dispatch`, which refuses once the operation is abandoned. */
export interface SessionMachine {
  readonly state: AuthState;
  dispatch(event: AuthEvent): Promise<void>;
  /** Aborts when the operation is abandoned (a local operation or a reset overtook it). */
  readonly signal: AbortSignal;
}

/** Thrown by `dispatch` of an abandoned operation: its late answer must change nothing. */
export class AbandonedError extends Error {
  constructor() {
    super('The operation was abandoned; its result is discarded.');
    this.name = 'AbandonedError';
  }
}

const NEVER_ABORTED = new AbortController().signal;
const abandonments = new WeakSet<object>();

/** True for the error an operation's caller gets when a local operation abandoned it (not a reset). */
export function isAbandonment(error: unknown): boolean {
  return typeof error === 'object' && error !== null && abandonments.has(error);
}

/**
 * Holds the current {@link AuthState} and is the one place where transitions take effect: storage is
 * written first, then the state changes in memory, then Hub events go out. If the storage write fails,
 * the state stays as it was and the error reaches the caller, so nothing is ever half-written.
 *
 * Operations run one at a time ({@link AuthMachine.run}). A local operation ({@link AuthMachine.runLocal})
 * never waits for network work: it abandons the network operations queued before it, whose callers get
 * an error at once and whose later answers change nothing. State changes are applied one at a time, so a
 * storage write already under way finishes before the local operation's own write.
 */
export class AuthMachine {
  #state: AuthState = { kind: 'unconfigured' };
  readonly #queue = new SerialQueue();
  #commits: Promise<unknown> = Promise.resolve();
  #reset = false;
  #unwatch: (() => void) | undefined;

  constructor(
    private readonly store: SessionStore,
    private readonly hub: HubPublisher,
    private readonly logger: Logger,
  ) {}

  get state(): AuthState {
    return this.#state;
  }

  /** Runs `task` after every operation queued before it; `tag` lets a later caller join it (see {@link AuthMachine.joinLast}). */
  run<T>(task: (machine: SessionMachine) => Promise<T>, tag?: unknown): Promise<T> {
    return this.#queue.run('network', (signal, published) => task(this.#view(signal, published)), tag);
  }

  /** Runs a local `task` (no network): network operations queued before it are abandoned with `abandoned()`. */
  runLocal<T>(task: (machine: SessionMachine) => Promise<T>, abandoned: () => object): Promise<T> {
    this.#queue.abandonNetworkTasks(() => {
      const error = abandoned();
      abandonments.add(error);
      return error;
    });
    return this.#queue.run('local', (signal, published) => task(this.#view(signal, published)));
  }

  /** The last queued operation when `accept(tag)` says the caller may share its outcome; linearizable joining. */
  joinLast(accept: (tag: unknown, started: boolean) => boolean): QueuedTask | undefined {
    const last = this.#queue.last;
    return last && accept(last.tag, last.started) ? last : undefined;
  }

  /** The outcome of the last queued operation (undefined when none is queued or running). */
  lastQueued(): Promise<unknown> | undefined {
    return this.#queue.idle ? undefined : this.#queue.last?.promise;
  }

  /** `read()` when no operation is queued or running (its answer is then current), else undefined. */
  whenIdle<T>(read: (state: AuthState) => T | undefined): T | undefined {
    return this.#queue.idle ? read(this.#state) : undefined;
  }

  /** Leaves `unconfigured`, then restores the stored session before any operation runs. */
  start(load: () => Promise<PersistedSession | null>): void {
    void this.dispatch({ type: 'configured' });
    this.#queue
      .run('local', async (signal) => this.#commit(signal, { type: 'restored', persisted: await load() }))
      .catch((error: unknown) => {
        // A reset during the restore abandons it; anything else is worth a word.
        if (!this.#reset) {
          this.logger.error('Restoring the stored session failed.', error);
        }
      });
  }

  /**
   * {@link start} with the stored session at hand (a storage that reads at once): leaves `unconfigured`
   * and restores it now, with nothing queued. Neither event has effects (nothing stored or published).
   */
  restoreNow(persisted: PersistedSession | null): void {
    const restoring = transition(this.#state, { type: 'configured' }).state;
    this.#state = transition(restoring, { type: 'restored', persisted }).state;
    this.logger.debug(`Auth state unconfigured -> ${this.#state.kind} (restored)`);
  }

  /**
   * Follows what other contexts (tabs, processes) store, until {@link AuthMachine.stopFollowing} or a
   * reset: each change is read again in the operations' order (never abandoned by a local operation)
   * and becomes a `followed` event. Call before `start`, so no change made during the restore is missed.
   */
  follow(): void {
    let queued = false;
    this.#unwatch ??= this.store.watch(() => {
      if (queued || this.#reset) return;
      queued = true;
      this.#queue
        .run('local', async (signal) => {
          queued = false;
          const kind = this.#state.kind;
          if (kind !== 'signedOut' && kind !== 'federated' && kind !== 'signedIn') return;
          const change = await this.store.reread();
          if (change.kind === 'stored')
            await this.#commit(signal, { type: 'followed', persisted: change.persisted });
        })
        .catch((error: unknown) => {
          if (!this.#reset)
            this.logger.warn('Could not follow a change another context made to the auth session.', error);
        });
    });
  }

  /** Stops following other contexts (a reset does too); idempotent. */
  stopFollowing(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  /** Applies `event` outside any operation: never abandoned. */
  dispatch(event: AuthEvent): Promise<void> {
    return this.#commit(NEVER_ABORTED, event);
  }

  /** Abandons every queued operation and forgets the state at once (no storage effect). */
  reset(abandoned: () => unknown): Promise<void> {
    this.#reset = true;
    this.stopFollowing();
    this.#queue.abandonNetworkTasks(abandoned, 'all');
    return this.dispatch({ type: 'reset' });
  }

  #view(signal: AbortSignal, published: () => void): SessionMachine {
    const read = (): AuthState => this.#state;
    return {
      get state() {
        return read();
      },
      dispatch: (event) => this.#commit(signal, event, published),
      signal,
    };
  }

  #commit(signal: AbortSignal, event: AuthEvent, published?: () => void): Promise<void> {
    const applied = this.#commits.then(async () => {
      if (signal.aborted) throw new AbandonedError();
      await this.#apply(event, published);
    });
    this.#commits = applied.catch(() => undefined);
    return applied;
  }

  async #apply(event: AuthEvent, published?: () => void): Promise<void> {
    const { state, effects } = transition(this.#state, event);
    for (const effect of effects) {
      if (effect.type === 'persist') await this.store.save(effect.persisted);
      else if (effect.type === 'erase') await this.store.erase();
    }
    const from = this.#state.kind;
    this.#state = state;
    if (from !== state.kind) this.logger.debug(`Auth state ${from} -> ${state.kind} (${event.type})`);
    // Published effects are the operation's result: a listener that abandons it (a clear on the event)
    // comes after them, so the caller still gets that result.
    if (effects.some((effect) => effect.type === 'publish')) published?.();
    for (const effect of effects) {
      if (effect.type === 'publish') this.hub.publish(HubChannel.AUTH, effect.event);
    }
  }
}
