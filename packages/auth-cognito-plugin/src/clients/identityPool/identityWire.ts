import { AnswerTooLargeError, RedirectRefusedError } from '../http/answerLimits.js';
import { AttemptTimeoutError, boundedFetch, type BoundedAnswer, type Fetch } from '../http/boundedFetch.js';
import { maskSent, sentSecrets } from '../http/maskSent.js';
import { RetryQuota, withRetries } from '../retryPolicy.js';

/**
 * The Amazon Cognito Identity JSON 1.1 protocol over `fetch`, for the unsigned calls: `POST /` with the
 * operation in `X-Amz-Target`, a JSON body in and out. Failures are thrown shaped as the AWS SDK throws
 * them (`name`, `message`, `$metadata.httpStatusCode`, `$metadata.requestId`), so one error mapping
 * serves both clients.
 */

export type { Fetch };

export interface IdentityWireSettings {
  /** The service URL, e.g. `https://cognito-identity.us-east-1.amazonaws.com/`. */
  readonly endpoint: string;
  /** Deadline of one HTTP attempt, response body included. */
  readonly requestTimeoutMs: number;
  /** Default: the global `fetch`, looked up at call time. */
  readonly fetch?: Fetch;
  readonly maxAttempts: number;
  /** Waits out a back-off; ends early (rejecting) when the signal aborts. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source of the back-off; default `Math.random`. */
  readonly random?: () => number;
  /** Largest answer body after decompression; default `MAX_ANSWER_BYTES`. */
  readonly maxAnswerBytes?: number;
}

/** An error answer of the service, or a failure before one arrived, in the AWS SDK's error shape. */
export class IdentityWireError extends Error {
  /** HTTP status and request id of the answer; empty when none arrived. */
  readonly $metadata: { readonly httpStatusCode?: number; readonly requestId?: string };
  /** The network code (`ECONNRESET`...) when the transport named one. */
  readonly code?: string;
  /** True when no answer arrived (network failure or attempt timeout): worth a retry. */
  readonly $network: boolean;

  constructor(
    name: string,
    message: string,
    details: {
      status?: number;
      requestId?: string;
      code?: string;
      network?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = name;
    this.$metadata = {
      ...(details.status === undefined ? {} : { httpStatusCode: details.status }),
      ...(details.requestId ? { requestId: details.requestId } : {}),
    };
    if (details.code !== undefined) this.code = details.code;
    this.$network = details.network ?? false;
  }
}

/**
 * The error name in an answer: the `x-amzn-ErrorType` header, else `__type` (or `code`) in the body,
 * without a namespace prefix (`...#Name`) or a type URI suffix (`Name:http://...`).
 */
export function serviceErrorName(header: string | null, body: unknown): string | undefined {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const raw = [header, fields.__type, fields.code, fields.Code].find(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
  if (raw === undefined) return undefined;
  const name = raw.split(':')[0]!.split('#').pop()!.trim();
  return name || undefined;
}

/** The service's message in an error body (`message` or `Message`). */
function serviceErrorMessage(body: unknown): string | undefined {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const message = fields.message ?? fields.Message;
  return typeof message === 'string' ? message : undefined;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** What a failed attempt means: our deadline, a refused answer, or the network (browser or Node wording). */
function transportFailure(error: unknown): IdentityWireError {
  if (error instanceof AttemptTimeoutError) {
    return new IdentityWireError('TimeoutError', error.message, {
      code: 'ETIMEDOUT',
      network: true,
      cause: error,
    });
  }
  if (error instanceof RedirectRefusedError)
    return new IdentityWireError('UnexpectedRedirect', error.message, { status: error.status, cause: error });
  if (error instanceof AnswerTooLargeError)
    return new IdentityWireError('AnswerTooLarge', error.message, { cause: error });
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') {
    // Node's fetch says "fetch failed" and names the socket or TLS error in `cause`. Its UND_ERR_SOCKET
    // ("other side closed") is what Node's http module calls ECONNRESET ("socket hang up"): one name.
    const code = cause.code === 'UND_ERR_SOCKET' ? 'ECONNRESET' : cause.code;
    const message = typeof cause.message === 'string' ? cause.message : code;
    return new IdentityWireError('Error', message, { code, network: true, cause: error });
  }
  // Browsers reject with `TypeError: Failed to fetch` (or their wording), kept as it is.
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return new IdentityWireError(name, message, { network: true, cause: error });
}

/** One HTTP attempt: resolves to the parsed body of a 2xx answer, throws an {@link IdentityWireError} otherwise. */
async function attempt(
  settings: IdentityWireSettings,
  operation: string,
  payload: string,
  secrets: readonly string[],
  signal: AbortSignal | undefined,
): Promise<Record<string, unknown>> {
  // Abandoned before this attempt (a clear during the back-off): nothing is sent.
  if (signal?.aborted) throw signal.reason;
  let response: BoundedAnswer;
  try {
    response = await boundedFetch(
      settings.endpoint,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityService.${operation}`,
        },
        body: payload,
      },
      {
        timeoutMs: settings.requestTimeoutMs,
        ...(signal ? { signal } : {}),
        ...(settings.fetch ? { fetch: settings.fetch } : {}),
        ...(settings.maxAnswerBytes ? { maxBytes: settings.maxAnswerBytes } : {}),
      },
    );
  } catch (error) {
    // Abandoned by the caller: not a network failure, not retried.
    if (signal?.aborted) throw signal.reason;
    throw transportFailure(error);
  }
  const status = response.status;
  const requestId = response.headers.get('x-amzn-requestid') ?? undefined;
  const body = parseJson(response.text);
  if (status >= 200 && status < 300 && typeof body === 'object' && body !== null) {
    return body as Record<string, unknown>;
  }
  const name =
    status < 300
      ? 'SerializationException'
      : (serviceErrorName(response.headers.get('x-amzn-errortype'), body) ?? `UnknownError`);
  const message =
    status < 300
      ? `The answer to ${operation} is not a JSON object.`
      : (serviceErrorMessage(body) ?? (name === 'UnknownError' ? `HTTP ${status}` : name));
  // The service's text may echo the request: what we sent (provider tokens) never comes back in it.
  throw new IdentityWireError(name, maskSent(message, secrets), {
    status,
    ...(requestId ? { requestId } : {}),
  });
}

/** A Cognito Identity endpoint with its retry quota: sends requests per the standard retry policy. */
export class IdentityWire {
  readonly #quota = new RetryQuota();

  constructor(private readonly settings: IdentityWireSettings) {}

  /** Sends `input` as `operation`; resolves to the answer's JSON object, or throws the last failure. */
  send(operation: string, input: object, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const { settings } = this;
    const payload = JSON.stringify(input);
    const secrets = sentSecrets(input);
    return withRetries(() => attempt(settings, operation, payload, secrets, signal), {
      quota: this.#quota,
      maxAttempts: settings.maxAttempts,
      sleep: (ms) => settings.sleep(ms, signal),
      ...(settings.random ? { random: settings.random } : {}),
    });
  }
}
