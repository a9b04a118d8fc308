import { NetworkException } from '@plugboard/core';

/** Default deadline of one HTTP attempt (`requestTimeoutMs`). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** Attempts per Cognito call: the first and two retries (the SDK's standard retry mode; `retryPolicy.ts` for the built-in client). */
export const MAX_ATTEMPTS = 3;
/**
 * Room for the back-off between attempts after timeouts or network failures (at most 50 ms, then
 * 100 ms). Throttling waits longer (up to 1 s, then 2 s), but a throttled answer comes at once.
 */
export const RETRY_SLACK_MS = 1000;

/** The longest one Cognito call may take, retries included: `MAX_ATTEMPTS × requestTimeoutMs + RETRY_SLACK_MS`. */
export function callDeadlineMs(requestTimeoutMs: number): number {
  return MAX_ATTEMPTS * requestTimeoutMs + RETRY_SLACK_MS;
}

/**
 * `promise`, or `onTimeout()` as the rejection when it has not settled within `ms`. The timer keeps a
 * Node process alive while the caller awaits (a script awaiting a call does not end silently in the
 * middle of it) and is cleared as soon as the promise settles.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/**
 * A retry back-off: resolves after `ms`, or rejects at once with the signal's reason when `signal`
 * aborts (the timer is cleared then). Its timer keeps a Node process alive: someone awaits it. Before,
 * an unreferenced back-off let a script awaiting a federation end silently (exit code 13 in ESM).
 */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The abort signal of the call `withDeadlines` is starting (see `startingCallSignal`). */
let starting: AbortSignal | undefined;

/**
 * The abort signal of the call that `withDeadlines` is starting, while the service method runs up to its
 * first `await`; `undefined` outside. It aborts when the call deadline passes, so a service that reads it synchronously at the start of a call (the user-pool wrapper's one
 * call path) can end the request in flight instead of leaving it to its attempt timer.
 */
export function startingCallSignal(): AbortSignal | undefined {
  return starting;
}

/** The user-pool service's properties that hold more calls (see `UserPoolService`). */
const GROUPS = new Set<PropertyKey>(['calls', 'devices', 'webAuthn']);

/**
 * `service` with every method that returns a promise bounded by `ms`: whatever the transport does (an
 * SDK client, or a custom service passed as an option), a call ends within the deadline, with a
 * `NetworkException` when it runs out.
 */
export function withDeadlines<S extends object>(service: S, ms: number, label: string): S {
  const groups = new Map<PropertyKey, object>();
  return new Proxy(service, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      // The user-pool service's groups of calls (SRP, sign-up, reset, attributes...; devices; passkeys)
      // share the same call deadline.
      if (GROUPS.has(key) && typeof value === 'object' && value !== null) {
        if (!groups.has(key)) groups.set(key, withDeadlines(value, ms, label));
        return groups.get(key);
      }
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        // The call's own signal: aborted when the deadline passes.
        const call = new AbortController();
        const previous = starting;
        starting = call.signal;
        let result: unknown;
        try {
          result = Reflect.apply(value, target, args);
        } finally {
          starting = previous;
        }
        if (!(result instanceof Promise)) return result;
        // A caller's AbortSignal argument (an abandoned operation): the deadline timer ends with it.
        const signal = args.find((arg): arg is AbortSignal => arg instanceof AbortSignal);
        return withDeadline(signal ? abandonWith(result, signal) : result, ms, () => {
          const expired = new NetworkException(
            `${label} did not answer within ${ms} ms.`,
            'Check the network and the configured endpoint; raise requestTimeoutMs if the service is slow but reachable.',
            { metadata: { serviceErrorName: 'TimeoutError' } },
          );
          call.abort(expired);
          return expired;
        });
      };
    },
  });
}

/** `promise`, rejecting at once with the signal's reason when `signal` aborts first. */
function abandonWith<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  let onAbort: (() => void) | undefined;
  const abandoned = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, abandoned]).finally(() => signal.removeEventListener('abort', onAbort!));
}
