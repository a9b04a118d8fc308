/** How a queued task runs: `network` tasks may be abandoned by a local one, `local` tasks never are. */
export type TaskKind = 'local' | 'network';

interface Entry {
  readonly kind: TaskKind;
  readonly tag: unknown;
  readonly controller: AbortController;
  readonly run: (signal: AbortSignal, published: () => void) => Promise<unknown>;
  readonly promise: Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  started: boolean;
  /** The task's effects are published: abandoning it now stops what follows, but its caller gets its result. */
  published: boolean;
}

/** What {@link SerialQueue.last} shows of the last queued task. */
export interface QueuedTask {
  readonly tag: unknown;
  readonly started: boolean;
  readonly promise: Promise<unknown>;
}

/**
 * Runs tasks one at a time in the order they were queued, so concurrent operations on one plugin
 * behave as if called one after another. A failed task does not stop the ones after it. Network tasks
 * can be abandoned ({@link SerialQueue.abandonNetworkTasks}): their callers get an error at once, their
 * signal aborts, and the tasks after them stop waiting for them.
 */
export class SerialQueue {
  readonly #waiting: Entry[] = [];
  #running: Entry | undefined;

  run<T>(
    kind: TaskKind,
    task: (signal: AbortSignal, published: () => void) => Promise<T>,
    tag?: unknown,
  ): Promise<T> {
    let resolve!: (value: unknown) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const controller = new AbortController();
    this.#waiting.push({
      kind,
      tag,
      controller,
      run: task,
      promise,
      resolve,
      reject,
      started: false,
      published: false,
    });
    this.#pump();
    return promise as Promise<T>;
  }

  /** True when no task is queued or running. */
  get idle(): boolean {
    return this.#running === undefined && this.#waiting.length === 0;
  }

  /** The task queued last (running or waiting), if any. */
  get last(): QueuedTask | undefined {
    return this.#waiting.at(-1) ?? this.#running;
  }

  /**
   * Abandons every queued or running network task (or every task): each caller gets `error()` now and
   * each task's signal aborts. Local tasks keep their place unless `kinds` is `all`. A running task
   * whose effects were already published (a listener of its event cleared) is not failed: its signal
   * aborts (nothing more happens) and its caller gets the result those effects stand for.
   */
  abandonNetworkTasks(error: () => unknown, kinds: 'network' | 'all' = 'network'): void {
    const abandon = (entry: Entry): void => {
      entry.controller.abort();
      if (!entry.published) entry.reject(error());
    };
    const abandoned = (entry: Entry): boolean => kinds === 'all' || entry.kind === 'network';
    if (this.#running && abandoned(this.#running)) {
      abandon(this.#running);
      this.#running = undefined;
    }
    for (let i = this.#waiting.length - 1; i >= 0; i--) {
      const entry = this.#waiting[i]!;
      if (abandoned(entry)) {
        this.#waiting.splice(i, 1);
        abandon(entry);
      }
    }
    this.#pump();
  }

  #pump(): void {
    if (this.#running || this.#waiting.length === 0) return;
    const entry = this.#waiting.shift()!;
    this.#running = entry;
    const finish = (): void => {
      if (this.#running !== entry) return; // abandoned: the queue moved on already
      this.#running = undefined;
      this.#pump();
    };
    // The queue moves on before the caller hears the outcome, so a caller that awaits finds it idle.
    void Promise.resolve()
      .then(() => {
        entry.started = true;
        return entry.run(entry.controller.signal, () => {
          entry.published = true;
        });
      })
      .then(
        (value) => {
          finish();
          entry.resolve(value);
        },
        (error: unknown) => {
          finish();
          entry.reject(error);
        },
      );
  }
}
