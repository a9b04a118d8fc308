/**
 * WebKeyValueStorage's lock: the Web Locks request with its timeout, the handover of the holder's writes
 * to the next holder (webLockHandover.ts), and the per-tab fallback where Web Locks is missing. Imported
 * statically: the auth plugin's first session write takes the lock, so a lazy chunk only added a request
 * (and a load that can fail) to every federation, and gzip bytes from compressing it apart.
 */
import type { Logger } from '../logger/Logger.js';
import { withLocalLock } from './localLock.js';
import { handoverFor, type ItemStore, type LockHandover } from './webLockHandover.js';
import type { WebLockManagerLike } from './webSharing.js';

/** Thrown inside {@link requestWebLock} when the wait ran out. */
export class WebLockWaitExpired extends Error {}

/**
 * Runs `work` holding the Web Lock `name`, waiting at most `timeoutMs` (an AbortSignal cancels the
 * request, then {@link WebLockWaitExpired} is thrown). The browser releases the lock when `work`
 * settles or when the page holding it goes away.
 */
export async function requestWebLock<T>(
  locks: WebLockManagerLike,
  name: string,
  timeoutMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let granted = false;
  try {
    return await locks.request(name, { mode: 'exclusive', signal: controller.signal }, () => {
      granted = true;
      clearTimeout(timer);
      return work();
    });
  } catch (error) {
    if (!granted && controller.signal.aborted) throw new WebLockWaitExpired();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** One handover per Web Storage object (only `localStorage` has one). */
const handovers = new WeakMap<ItemStore, LockHandover | undefined>();

/** What {@link runWebLock} needs from the WebKeyValueStorage. */
export interface WebLockRequest {
  readonly storage: ItemStore;
  readonly locks: WebLockManagerLike | undefined;
  readonly logger: Logger;
  /** Called (once per storage object is the caller's business) when the fallback is used. */
  readonly onFallback: () => void;
}

/** Runs `work` under the lock `name` as WebKeyValueStorage.withExclusiveLock describes; `timedOut` makes the rejection. */
export async function runWebLock<T>(
  request: WebLockRequest,
  name: string,
  timeoutMs: number,
  work: () => Promise<T>,
  timedOut: () => Error,
): Promise<T> {
  const { storage, locks, logger } = request;
  if (locks === undefined) {
    request.onFallback();
    return withLocalLock(`web:${name}`, timeoutMs, work, timedOut);
  }
  if (!handovers.has(storage)) handovers.set(storage, handoverFor(storage));
  const handover = handovers.get(storage);
  const guarded =
    handover === undefined
      ? work
      : () => handover.around(name, work, (message, error) => logger.warn(message, error));
  try {
    return await requestWebLock(locks, name, timeoutMs, guarded);
  } catch (error) {
    if (error instanceof WebLockWaitExpired) throw timedOut();
    throw error;
  }
}
