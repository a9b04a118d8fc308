import type { Logger } from '@plugboard/core';
import { deliver, requireCallbacks } from './callbacks.js';
import type { AuthErrorCallback } from './options.js';

/** The outcome of `work` in the style the caller chose: the promise, or the callbacks. */
export function respond<T>(
  work: () => Promise<T>,
  onSuccess: unknown,
  onError: unknown,
  method: string,
  logger: Logger,
): Promise<T> | void {
  if (onSuccess === undefined && onError === undefined) return work();
  requireCallbacks(onSuccess, onError, method);
  deliver(work(), onSuccess as (value: T) => void, onError as AuthErrorCallback, logger);
}
