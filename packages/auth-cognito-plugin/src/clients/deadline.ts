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

/** `promise`, or `onTimeout()` as the rejection when it has not settled within `ms`. */
export function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    (timer as { unref?: () => void }).unref?.();
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** A promise that resolves after `ms` without keeping a Node process alive. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    (timer as { unref?: () => void }).unref?.();
  });
}

/**
 * `service` with every method that returns a promise bounded by `ms`: whatever the transport does (an
 * SDK client, or a custom service passed as an option), a call ends within the deadline, with a
 * `NetworkException` when it runs out.
 */
export function withDeadlines<S extends object>(service: S, ms: number, label: string): S {
  return new Proxy(service, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        const result: unknown = Reflect.apply(value, target, args);
        if (!(result instanceof Promise)) return result;
        return withDeadline(
          result,
          ms,
          () =>
            new NetworkException(
              `${label} did not answer within ${ms} ms.`,
              'Check the network and the configured endpoint; raise requestTimeoutMs if the service is slow but reachable.',
              { metadata: { serviceErrorName: 'TimeoutError' } },
            ),
        );
      };
    },
  });
}
