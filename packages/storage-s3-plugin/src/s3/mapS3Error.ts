import { AmplifyException, StorageException, type ServiceErrorMetadata } from '@plugboard/core';
import {
  AccessDeniedException,
  CanceledException,
  NotFoundException,
  StorageServiceException,
} from '../errors.js';

interface SdkErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly requestId?: string };
}

const NOT_FOUND = new Set(['NoSuchKey', 'NotFound', 'NoSuchBucket', 'NoSuchUpload']);
const DENIED = new Set([
  'AccessDenied',
  'Forbidden',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'InvalidToken',
]);

/**
 * The plugin's typed error for what an S3 call threw. Plugboard's own errors pass through; the Auth
 * category's (no credentials) become the `cause` of an `AccessDeniedException`. The message names the
 * operation and the path, never the SDK's message (which may quote a request).
 */
export function mapS3Error(error: unknown, operation: string, path: string): AmplifyException {
  if (error instanceof StorageException) return error;
  if (error instanceof AmplifyException) {
    // An AuthException: nobody signed in, session expired, ...
    return new AccessDeniedException(
      `${operation} of '${path}' has no AWS credentials: ${error.message}`,
      error.recoverySuggestion,
      { cause: error },
    );
  }
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  // The SDK's error is never kept as `cause`: it references the HTTP exchange (the request's headers,
  // the session token among them), and S3's own message for a bad signature quotes the canonical
  // request. Only whitelisted facts go on: the error's name, status and request id.
  const name =
    typeof shape.name === 'string' && shape.name !== 'Error'
      ? shape.name
      : typeof shape.code === 'string'
        ? shape.code
        : 'Error';
  const status = shape.$metadata?.httpStatusCode;
  const metadata: ServiceErrorMetadata = {
    serviceErrorName: name,
    ...(status !== undefined ? { httpStatusCode: status } : {}),
    ...(shape.$metadata?.requestId ? { requestId: shape.$metadata.requestId } : {}),
  };
  if (name === 'AbortError')
    return new CanceledException(
      `${operation} of '${path}' was canceled.`,
      'Start the transfer again if you still need it.',
      { metadata },
    );
  if (NOT_FOUND.has(name) || status === 404)
    return new NotFoundException(
      `${operation}: '${path}' does not exist (${name}).`,
      'Check the path and the bucket; list the parent path to see what is there.',
      { metadata },
    );
  if (DENIED.has(name) || status === 403)
    return new AccessDeniedException(
      `${operation} of '${path}' was refused by S3 (${name}).`,
      "Check the identity pool role's S3 policy for this path, and that the caller is signed in.",
      { metadata },
    );
  const network = status === undefined;
  return new StorageServiceException(
    network
      ? `${operation} of '${path}' could not reach S3 (${name}).`
      : `${operation} of '${path}' failed: S3 answered ${name} (${status}).`,
    network
      ? 'Check the network connection and the Endpoint, then try again.'
      : 'Try again later; if it persists, check the bucket and its configuration.',
    { metadata },
  );
}
