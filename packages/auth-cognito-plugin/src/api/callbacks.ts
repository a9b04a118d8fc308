import { AuthException, InvalidParameterException, UnknownException, type Logger } from '@plugboard/core';

/** Any thrown value as an AuthException, for `onError` callbacks and rejected promises. */
export function toAuthException(error: unknown): AuthException {
  if (error instanceof AuthException) return error;
  return new UnknownException(
    'An unexpected error occurred in the auth plugin.',
    'See the cause for details.',
    {
      cause: error,
    },
  );
}

/** Checks that a callback pair was given; otherwise there is nowhere to report the outcome. */
export function requireCallbacks(onSuccess: unknown, onError: unknown, method: string): void {
  if (typeof onSuccess !== 'function' || typeof onError !== 'function') {
    throw new InvalidParameterException(
      `${method} was called in callback style without both an onSuccess and an onError function.`,
      `Pass both callbacks, or leave them out and await the promise ${method} returns.`,
    );
  }
}

/**
 * Delivers the outcome of `work` to callbacks. A callback that throws is logged, never re-thrown: it
 * cannot disturb the plugin's state or become an unhandled rejection.
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
    } catch (error) {
      logger.error(`An ${which} callback threw; the auth operation itself is unaffected.`, error);
    }
  };
  work.then(
    (value) => call(onSuccess, value, 'onSuccess'),
    (error: unknown) => call(onError, toAuthException(error), 'onError'),
  );
}

/** `[options, onSuccess, onError]` from the trailing arguments of a method with optional options. */
export function splitCallbacks(args: readonly unknown[]): readonly [unknown, unknown, unknown] {
  return typeof args[0] === 'function' ? [undefined, args[0], args[1]] : [args[0], args[1], args[2]];
}
