import { processSingleton } from '../brand.js';

/** Per lock name, the tail of the queue of holders in this context: shared by every copy of core. */
const tails = processSingleton('storage.localLocks.v1', () => new Map<string, Promise<void>>());

/**
 * Runs `work` after every earlier holder of the lock `name` in this context (this tab, this process)
 * has finished, waiting at most `timeoutMs` for them; on timeout rejects with `timedOut()` and does
 * not run `work`. A lock for one context only: the fallback where no cross-context lock exists, and
 * the in-process step before a cross-process lock.
 */
export async function withLocalLock<T>(
  name: string,
  timeoutMs: number,
  work: () => Promise<T>,
  timedOut: () => Error,
): Promise<T> {
  const previous = tails.get(name) ?? Promise.resolve();
  let finished!: () => void;
  const mine = new Promise<void>((resolve) => (finished = resolve));
  const tail = previous.then(() => mine);
  tails.set(name, tail);
  try {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = await Promise.race([
      previous.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (late) throw timedOut();
    return await work();
  } finally {
    finished();
    void tail.then(() => {
      if (tails.get(name) === tail) tails.delete(name);
    });
  }
}
