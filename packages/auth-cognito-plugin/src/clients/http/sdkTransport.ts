import { MAX_ANSWER_BYTES, readCapped, RedirectRefusedError, type AnswerBody } from './answerLimits.js';
import { AttemptTimeoutError } from './boundedFetch.js';
import { maskSentInError, sentSecrets } from './maskSent.js';

/** The parts of an AWS SDK request handler the plugin uses (Node's http handler or the fetch handler). */
interface RequestHandlerLike {
  handle(
    request: unknown,
    options?: { abortSignal?: AbortSignal; requestTimeout?: number },
  ): Promise<{ response: { statusCode: number; body?: unknown } }>;
}

/** The parts of an AWS SDK client the plugin touches. */
interface SdkClientLike {
  readonly config: object;
  readonly middlewareStack: {
    add(
      middleware: (
        next: (args: { input: unknown }) => Promise<unknown>,
      ) => (args: { input: unknown }) => Promise<unknown>,
      options: { step: 'initialize'; name: string; override?: boolean },
    ): void;
  };
}

/**
 * Puts an SDK client under the same transport rules as the plugin's own fetch client, once, right after
 * it is created (before its first `send`):
 * - each HTTP attempt has one deadline covering the connection, the headers and the whole body (the SDK's
 *   own `requestTimeout` is an idle-socket timer: a trickling body never trips it). On expiry the attempt
 *   is aborted and fails as a retryable `TimeoutError`, so the standard retries and the call deadline apply;
 * - the body is read whole under a size cap (after decompression) and handed to the SDK as bytes;
 * - a 3xx answer is refused, never followed;
 * - an error's message never carries a value of the request (password, tokens, codes, provider tokens).
 */
export function boundSdkTransport<C extends object>(
  sdkClient: C,
  timeoutMs: number,
  maxBytes: number = MAX_ANSWER_BYTES,
): C {
  const client = sdkClient as unknown as SdkClientLike;
  const config = client.config as { requestHandler?: RequestHandlerLike };
  const inner = config.requestHandler;
  if (inner && typeof inner.handle === 'function') {
    config.requestHandler = Object.assign(Object.create(inner) as RequestHandlerLike, {
      handle: (request: unknown, options: { abortSignal?: AbortSignal } = {}) =>
        boundedAttempt(inner, request, options, timeoutMs, maxBytes),
    });
  }
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw maskSentInError(error, sentSecrets(args.input));
      }
    },
    { step: 'initialize', name: 'plugboardMaskSentSecrets', override: true },
  );
  return sdkClient;
}

async function boundedAttempt(
  inner: RequestHandlerLike,
  request: unknown,
  options: { abortSignal?: AbortSignal },
  timeoutMs: number,
  maxBytes: number,
): Promise<{ response: { statusCode: number; body?: unknown } }> {
  const controller = new AbortController();
  let timedOut = false;
  let body: { destroy?: () => void; cancel?: () => Promise<void> } | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
    body?.destroy?.();
    void body?.cancel?.().catch(() => undefined);
  }, timeoutMs);
  const outer = options.abortSignal;
  const onAbandon = (): void => controller.abort(outer?.reason);
  if (outer?.aborted) onAbandon();
  else outer?.addEventListener('abort', onAbandon, { once: true });
  try {
    const out = await inner.handle(request, { ...options, abortSignal: controller.signal });
    const response = out.response;
    body = response.body as typeof body;
    if (timedOut) body?.destroy?.();
    // A 3xx, or the opaque answer (status 0) a browser's fetch gives for a redirect with `redirect: 'manual'`.
    if (response.statusCode === 0 || (response.statusCode >= 300 && response.statusCode < 400)) {
      body?.destroy?.();
      throw Object.assign(new RedirectRefusedError(response.statusCode), {
        name: 'UnexpectedRedirect',
        $metadata: { httpStatusCode: response.statusCode },
      });
    }
    const bytes = await readCapped(response.body as AnswerBody, maxBytes);
    response.body = bytes;
    return out;
  } catch (error) {
    if (timedOut)
      throw Object.assign(new AttemptTimeoutError(timeoutMs, { cause: error }), {
        code: 'ETIMEDOUT',
        $metadata: {},
      });
    if ((error as Error)?.name === 'AnswerTooLargeError')
      throw Object.assign(error as Error, { name: 'AnswerTooLarge', $metadata: {} });
    throw error;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbandon);
  }
}
