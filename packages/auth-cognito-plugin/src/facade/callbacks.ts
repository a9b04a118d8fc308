import { InvalidParameterException, type AuthException, type Logger } from '@plugboard/core';
import { toAuthException } from '../model/toAuthException.js';
import type { AuthErrorCallback } from '../runtime/options.js';

export { toAuthException };

/** Checks that a callback pair was given; otherwise there is nowhere to report the outcome. */
export function requireCallbacks(onSuccess: unknown, onError: unknown, method: string): void {
  if (typeof onSuccess !== 'function' || typeof onError !== 'function') {
    throw new InvalidParameterException(
      `${method} was called in callback style without both an onSuccess and an onError function.`,
      `Pass both callbacks, or leave them out and await the promise ${method} returns.`,
    );
  }
}

/** A name for what a callback threw that reading can never throw (the value may be a hostile Proxy). */
function describeThrown(thrown: unknown): string {
  try {
    if (thrown instanceof Error) return `${String(thrown.name)}: ${String(thrown.message)}`;
  } catch {
    // a Proxy or a throwing getter: fall through
  }
  return `a value of type ${typeof thrown}`;
}

/**
 * Delivers the outcome of `work` to callbacks. A callback that throws (anything: a Proxy, an object with
 * throwing getters) is logged, never re-thrown: it cannot disturb the plugin's state or become an
 * unhandled rejection.
 */
export function deliver<T>(
  work: Promise<T>,
  onSuccess: (value: T) => void,
  onError: (error: AuthException) => void,
  logger: Logger,
): void {
  const call = <A>(callback: (arg: A) => void, arg: A, which: string): void => {
    try {
      callback(arg);
    } catch (thrown) {
      try {
        logger.error(
          `An ${which} callback threw (${describeThrown(thrown)}); the auth operation itself is unaffected.`,
        );
      } catch {
        // a logging sink that throws must not turn into an unhandled rejection either
      }
    }
  };
  work
    .then(
      (value) => call(onSuccess, value, 'onSuccess'),
      (error: unknown) => call(onError, toAuthException(error), 'onError'),
    )
    .catch(() => undefined);
}

/** `[options, onSuccess, onError]` from the trailing arguments of a method with optional options. */
export function splitCallbacks(args: readonly unknown[]): readonly [unknown, unknown, unknown] {
  return typeof args[0] === 'function' ? [undefined, args[0], args[1]] : [args[0], args[1], args[2]];
}

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
