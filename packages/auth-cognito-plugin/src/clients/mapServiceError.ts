import {
  AuthException,
  NetworkException,
  ServiceException,
  UnknownException,
  type ServiceErrorMetadata,
} from '@plugboard/core';
import { maskString } from '@plugboard/core/internals';
import { serviceErrorRule } from './serviceErrors.js';

interface SdkErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly requestId?: string };
}

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
/**
 * TLS failures are transport failures too (a self-signed or expired certificate, a wrong host name):
 * Node's error codes for them (`DEPTH_ZERO_SELF_SIGNED_CERT`, `CERT_HAS_EXPIRED`,
 * `ERR_TLS_CERT_ALTNAME_INVALID`, `UNABLE_TO_VERIFY_LEAF_SIGNATURE`, `ERR_SSL_...`).
 */
const TLS_CODE = /(CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|^ERR_TLS_|^ERR_SSL_|^EPROTO$)/;

function isNetworkCode(code: string | undefined): boolean {
  return code !== undefined && (NETWORK_CODES.has(code) || TLS_CODE.test(code));
}

const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'NetworkingError', 'AbortError']);

/** A short, secret-free description of what was being done, e.g. "Getting AWS credentials". */
type Action = string;

/**
 * Turns what an AWS SDK call threw into the matching {@link AuthException} (named errors: the one table
 * of `serviceErrors.ts`), keeping the service's error
 * name, HTTP status and request id in `metadata` and the original error as `cause`. Messages pass the
 * secret mask: a service never echoes a token, but Plugboard does not rely on that.
 */
export function mapServiceError(error: unknown, action: Action): AuthException {
  if (error instanceof AuthException) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const serviceMessage = typeof shape.message === 'string' ? maskString(shape.message) : '';
  const code = typeof shape.code === 'string' ? shape.code : networkCodeIn(serviceMessage);
  const metadata = serviceMetadata(error);
  const status = metadata.httpStatusCode;
  const options = { cause: error, metadata };
  const detail = `${action} failed: ${name}${serviceMessage ? `: ${serviceMessage}` : ''}`;

  const becomes = serviceErrorRule(name)?.becomes;
  if (becomes) {
    const [Exception, recovery] = becomes;
    return new Exception(detail, recovery, options);
  }
  if (status === undefined && isBrowserFetchFailure(name, serviceMessage)) {
    return new NetworkException(
      `${action} failed: the service could not be reached (${name}: ${serviceMessage}).`,
      'Check the network connection and the configured endpoint, then try again. In a browser the same ' +
        "error also means the endpoint refused this page's origin (CORS): the endpoint must allow the " +
        "page's origin and the AWS SDK's request headers (the Plugboard emulator allows loopback pages).",
      options,
    );
  }
  if (status === undefined && (NETWORK_NAMES.has(name) || isNetworkCode(code) || isFetchFailure(error))) {
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

/**
 * What `fetch` rejects with when no response arrived, per browser: Chromium "Failed to fetch", Firefox
 * "NetworkError when attempting to fetch resource.", Safari "Load failed", fetch polyfills "Network
 * request failed". A CORS refusal looks the same to the page. The SDK may re-wrap the `TypeError` as a
 * plain `Error` with the same message.
 */
const BROWSER_FETCH_FAILURE =
  /^(Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed|Network request failed)\b/;

function isBrowserFetchFailure(name: string, message: string): boolean {
  return (name === 'TypeError' || name === 'Error') && BROWSER_FETCH_FAILURE.test(message);
}

function isFetchFailure(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' && isNetworkCode(cause.code);
}

/**
 * The socket error code named in a message. The SDK's retry layer re-wraps errors it does not recognise
 * as `Error` (e.g. from another JavaScript realm) into a message-only error, dropping `code`.
 */
function networkCodeIn(message: string): string | undefined {
  if (/socket hang up/i.test(message)) return 'ECONNRESET';
  return (
    message.match(/\b(E[A-Z_]{4,}|UND_ERR_SOCKET)\b/)?.[1] ??
    message.match(/\b(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|CERT_[A-Z_]+)\b/)?.[1] ??
    (/self[- ]signed certificate|certificate has expired|unable to verify/i.test(message)
      ? 'DEPTH_ZERO_SELF_SIGNED_CERT'
      : undefined)
  );
}
