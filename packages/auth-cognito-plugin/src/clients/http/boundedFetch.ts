import { MAX_ANSWER_BYTES, readCapped, RedirectRefusedError } from './answerLimits.js';

/** The `fetch` signature the plugin's own HTTP clients use (a test seam). */
export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** One HTTP attempt's answer, read whole. */
export interface BoundedAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export interface BoundedFetchOptions {
  /** Deadline of the attempt: connection, headers and the whole body. */
  readonly timeoutMs: number;
  /** Largest body after decompression; default {@link MAX_ANSWER_BYTES}. */
  readonly maxBytes?: number;
  /** Aborts the attempt when the caller abandons it (Amplify.reset, a clear...). */
  readonly signal?: AbortSignal;
  /** Default: the global `fetch`, looked up at call time. */
  readonly fetch?: Fetch;
}

/** The attempt ran out of time; `cause` is what the transport threw when it was aborted. */
export class AttemptTimeoutError extends Error {
  constructor(
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super(`The request did not complete within ${timeoutMs} ms.`, options);
    this.name = 'TimeoutError';
  }
}

/**
 * One HTTP attempt under one deadline: the timer covers connecting, the headers and reading the whole
 * body (a server that sends headers and then trickles or never sends the body ends at the deadline).
 * Redirects are refused (`redirect: 'manual'`, a 3xx throws {@link RedirectRefusedError}); the body is
 * read with a size cap after decompression. The timer is cleared and the transfer aborted however the
 * attempt ends. While it runs the timer keeps a Node process alive: someone awaits the result.
 */
export async function boundedFetch(
  url: string,
  init: Omit<RequestInit, 'signal' | 'redirect'>,
  options: BoundedFetchOptions,
): Promise<BoundedAnswer> {
  const fetchFn =
    options.fetch ?? ((input: string, request: RequestInit) => globalThis.fetch(input, request));
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const outer = options.signal;
  const onAbandon = (): void => controller.abort(outer?.reason);
  if (outer?.aborted) onAbandon();
  else outer?.addEventListener('abort', onAbandon, { once: true });
  try {
    const response = await fetchFn(url, { ...init, redirect: 'manual', signal: controller.signal });
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      void response.body?.cancel().catch(() => undefined);
      throw new RedirectRefusedError(response.status);
    }
    const bytes = await readCapped(response.body, options.maxBytes ?? MAX_ANSWER_BYTES);
    return { status: response.status, headers: response.headers, text: new TextDecoder().decode(bytes) };
  } catch (error) {
    if (timedOut) throw new AttemptTimeoutError(options.timeoutMs, { cause: error });
    throw error;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbandon);
    // Ends whatever is still in flight (a body left unread after a refusal or a cap).
    controller.abort();
  }
}
