/**
 * Runs tasks one at a time in the order they were queued, so concurrent operations on one plugin
 * behave as if called one after another. A failed task does not stop the ones after it.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    this.#pending++;
    const result = this.#tail.then(task).finally(() => {
      this.#pending--;
    });
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** True when no task is queued or running. */
  get idle(): boolean {
    return this.#pending === 0;
  }
}
