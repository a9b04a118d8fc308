/**
 * The retry policy of the plugin's own Cognito Identity client, matching the AWS SDK's standard retry
 * mode the SDK clients use: up to `maxAttempts` attempts (`MAX_ATTEMPTS`); throttling, 5xx gateway/internal
 * errors, network failures and attempt timeouts are retried after a fully jittered exponential
 * back-off; a shared quota stops retries when most recent calls fail.
 */
import { serviceErrorRule } from './serviceErrors.js';

const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);

/** First back-off bound of a transient failure and of throttling, doubling per retry up to the cap. */
export const TRANSIENT_BACKOFF_MS = 50;
export const THROTTLING_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 20_000;
/** Retry quota: what a retry costs, what the bucket holds, what a success without retry gives back. */
export const QUOTA_CAPACITY = 500;
export const TRANSIENT_RETRY_COST = 14;
export const THROTTLING_RETRY_COST = 5;
const SUCCESS_REFUND = 1;

export type RetryKind = 'throttling' | 'transient' | 'final';

/** What a failed attempt threw, as far as the policy cares. */
export interface AttemptFailure {
  readonly name?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
  /** Set by the wire client on failures where no response arrived (network, attempt timeout). */
  readonly $network?: boolean;
}

/** Whether a failure is worth another attempt, and how long to wait before it. */
export function retryKind(error: unknown): RetryKind {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as AttemptFailure;
  const name = typeof failure.name === 'string' ? failure.name : '';
  const status = failure.$metadata?.httpStatusCode;
  const retry = serviceErrorRule(name)?.retry;
  if (status === 429 || retry === 'throttling') return 'throttling';
  if (failure.$network === true || retry === 'transient') return 'transient';
  if (status !== undefined && TRANSIENT_STATUS.has(status)) return 'transient';
  return 'final';
}

/** The wait before retry number `retry` (0 for the first retry): uniform in [0, base × 2^retry), capped. */
export function backoffMs(kind: Exclude<RetryKind, 'final'>, retry: number, random: () => number): number {
  const base = kind === 'throttling' ? THROTTLING_BACKOFF_MS : TRANSIENT_BACKOFF_MS;
  return Math.floor(random() * Math.min(base * 2 ** retry, MAX_BACKOFF_MS));
}

/** The retry quota of one client: retries spend it, successes refill it. */
export class RetryQuota {
  #tokens = QUOTA_CAPACITY;

  get tokens(): number {
    return this.#tokens;
  }

  /** Takes the cost of one retry; false (nothing taken) when the quota cannot pay it. */
  take(kind: Exclude<RetryKind, 'final'>): number | undefined {
    const cost = kind === 'throttling' ? THROTTLING_RETRY_COST : TRANSIENT_RETRY_COST;
    if (this.#tokens < cost) return undefined;
    this.#tokens -= cost;
    return cost;
  }

  /** A call succeeded: gives back what its last retry cost, or a little when it needed none. */
  refund(lastCost: number | undefined): void {
    this.#tokens = Math.min(QUOTA_CAPACITY, this.#tokens + (lastCost ?? SUCCESS_REFUND));
  }
}

export interface RetryOptions {
  readonly quota: RetryQuota;
  readonly maxAttempts: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Default `Math.random`. */
  readonly random?: () => number;
}

/** Runs `attempt` (given its 1-based number) until it succeeds or the policy gives up; throws the last failure. */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const { quota, maxAttempts, sleep, random = Math.random } = options;
  let lastCost: number | undefined;
  for (let number = 1; ; number += 1) {
    try {
      const result = await attempt(number);
      quota.refund(lastCost);
      return result;
    } catch (error) {
      const kind = retryKind(error);
      if (kind === 'final' || number >= maxAttempts) throw error;
      const cost = quota.take(kind);
      if (cost === undefined) throw error;
      lastCost = cost;
      await sleep(backoffMs(kind, number - 1, random));
    }
  }
}
