import type { TransferState } from '../types.js';

/**
 * The app-facing controls of one transfer and the signals the transfer reads: `state`, an
 * AbortSignal per pause or cancel, and a promise that settles on resume (or cancel).
 */
export class TransferControl {
  #state: TransferState = 'IN_PROGRESS';
  #abort = new AbortController();
  #resumed: { promise: Promise<void>; resolve: () => void } | undefined;

  /** True when pause applies (multipart uploads); other transfers ignore pause. */
  pausable = false;

  get state(): TransferState {
    return this.#state;
  }

  /** Aborted on pause and on cancel; a new one after each resume. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  get canceled(): boolean {
    return this.#state === 'CANCELED';
  }

  get paused(): boolean {
    return this.#state === 'PAUSED';
  }

  pause(): boolean {
    if (this.#state !== 'IN_PROGRESS' || !this.pausable) return false;
    this.#state = 'PAUSED';
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    this.#resumed = { promise, resolve };
    this.#abort.abort();
    return true;
  }

  resume(): boolean {
    if (this.#state !== 'PAUSED') return false;
    this.#state = 'IN_PROGRESS';
    this.#abort = new AbortController();
    this.#resumed?.resolve();
    this.#resumed = undefined;
    return true;
  }

  cancel(): boolean {
    if (this.#state !== 'IN_PROGRESS' && this.#state !== 'PAUSED') return false;
    this.#state = 'CANCELED';
    this.#abort.abort();
    this.#resumed?.resolve();
    return true;
  }

  /** Resolves when a paused transfer is resumed or canceled (at once when not paused). */
  whenResumed(): Promise<void> {
    return this.#resumed?.promise ?? Promise.resolve();
  }

  finish(state: 'SUCCESS' | 'ERROR'): void {
    if (this.#state !== 'CANCELED') this.#state = state;
  }
}
