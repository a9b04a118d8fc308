import {
  AuthException,
  InvalidParameterException,
  maskSecrets,
  NetworkException,
  NotAuthorizedException,
  ServiceException,
  TooManyRequestsException,
  UnknownException,
  type ServiceErrorMetadata,
} from '@plugboard/core';

interface SdkErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly requestId?: string };
}

const THROTTLING = new Set(['TooManyRequestsException', 'LimitExceededException', 'ThrottlingException']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'NetworkingError', 'AbortError']);

/** A short, secret-free description of what was being done, e.g. "Getting AWS credentials". */
type Action = string;

/**
 * Turns what an AWS SDK call threw into the matching {@link AuthException}, keeping the service's error
 * name, HTTP status and request id in `metadata` and the original error as `cause`. Messages pass the
 * secret mask: a service never echoes a token, but Plugboard does not rely on that.
 */
export function mapServiceError(error: unknown, action: Action): AuthException {
  if (error instanceof AuthException) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const serviceMessage = typeof shape.message === 'string' ? (maskSecrets(shape.message) as string) : '';
  const code = typeof shape.code === 'string' ? shape.code : networkCodeIn(serviceMessage);
  const metadata = serviceMetadata(error);
  const status = metadata.httpStatusCode;
  const options = { cause: error, metadata };
  const detail = `${action} failed: ${name}${serviceMessage ? `: ${serviceMessage}` : ''}`;

  if (name === 'NotAuthorizedException') {
    return new NotAuthorizedException(
      detail,
      'Check that the token is valid, unexpired and accepted by the pool.',
      options,
    );
  }
  if (THROTTLING.has(name)) {
    return new TooManyRequestsException(
      detail,
      'Wait a moment and try again; the service is throttling requests.',
      options,
    );
  }
  if (name === 'InvalidParameterException') {
    return new InvalidParameterException(detail, 'Check the values sent; the service refused them.', options);
  }
  if (
    status === undefined &&
    (NETWORK_NAMES.has(name) || (code !== undefined && NETWORK_CODES.has(code)) || isFetchFailure(error))
  ) {
    return new NetworkException(
      `${action} failed: the service could not be reached (${code ?? name}).`,
      'Check the network connection and the configured endpoint, then try again.',
      options,
    );
  }
  if (status !== undefined) {
    return new ServiceException(
      detail,
      status >= 500
        ? 'The service had a problem; try again later.'
        : 'Check the request and the pool configuration.',
      options,
    );
  }
  return new UnknownException(detail, 'See the cause for details.', options);
}

/** What an SDK error says about the service's answer: error name, HTTP status and request id. */
export function serviceMetadata(error: unknown): ServiceErrorMetadata {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const status = shape.$metadata?.httpStatusCode;
  return {
    serviceErrorName: typeof shape.name === 'string' ? shape.name : 'Error',
    ...(status === undefined ? {} : { httpStatusCode: status }),
    ...(shape.$metadata?.requestId ? { requestId: shape.$metadata.requestId } : {}),
  };
}

function isFetchFailure(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' && NETWORK_CODES.has(cause.code);
}

/**
 * The socket error code named in a message. The SDK's retry layer re-wraps errors it does not recognise
 * as `Error` (e.g. from another JavaScript realm) into a message-only error, dropping `code`.
 */
function networkCodeIn(message: string): string | undefined {
  if (/socket hang up/i.test(message)) return 'ECONNRESET';
  return message.match(/\b(E[A-Z_]{4,}|UND_ERR_SOCKET)\b/)?.[1] ?? undefined;
}
