import {
  NetworkException,
  ServiceException,
  TooManyRequestsException,
  UnknownException,
} from '@plugboard/core';
import { mapServiceError } from '../src/clients/mapServiceError';
import { retryKind } from '../src/clients/retryPolicy';
import { SERVICE_ERRORS } from '../src/clients/serviceErrors';
import { mapUserPoolError } from '../src/clients/userPool/userPoolErrors';
import { LimitExceededException } from '../src/index';

/** An error as a browser's fetch produces it, optionally re-wrapped as a plain Error by the SDK. */
function fetchError(message: string, name = 'TypeError'): Error {
  return name === 'TypeError' ? new TypeError(message) : new Error(message);
}

describe('mapServiceError: fetch failures in browsers', () => {
  it.each([
    ['Chromium', 'Failed to fetch'],
    ['Firefox', 'NetworkError when attempting to fetch resource.'],
    ['Safari', 'Load failed'],
    ['fetch polyfills', 'Network request failed'],
  ])('maps %s "%s" to NetworkException with a CORS hint', (_browser, message) => {
    for (const error of [fetchError(message), fetchError(message, 'Error')]) {
      const mapped = mapServiceError(error, 'Getting AWS credentials');
      expect(mapped).toBeInstanceOf(NetworkException);
      expect(mapped.message).toContain('Getting AWS credentials failed');
      expect(mapped.message).toContain(message);
      expect(mapped.recoverySuggestion).toMatch(/network connection/);
      expect(mapped.recoverySuggestion).toMatch(/CORS/);
      expect(mapped.recoverySuggestion).toMatch(/origin/);
      expect(mapped.cause).toBe(error);
      expect(mapped.metadata?.serviceErrorName).toBe(error.name);
    }
  });

  it('keeps Node network errors mapped as before, without the browser hint', () => {
    const nodeFetch = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const mapped = mapServiceError(nodeFetch, 'Getting an identity id');
    expect(mapped).toBeInstanceOf(NetworkException);
    expect(mapped.recoverySuggestion).not.toMatch(/CORS/);
  });

  it('does not take other TypeErrors for network failures', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(mapServiceError(bug, 'Getting AWS credentials')).toBeInstanceOf(UnknownException);
    const lookalike = new TypeError('Something Failed to fetch the config');
    expect(mapServiceError(lookalike, 'Getting AWS credentials')).toBeInstanceOf(UnknownException);
    const ranged = new RangeError('Failed to fetch');
    expect(mapServiceError(ranged, 'Getting AWS credentials')).toBeInstanceOf(UnknownException);
  });

  it('does not take an HTTP answer for a network failure even when its message looks like one', () => {
    const answered = Object.assign(new Error('Failed to fetch'), {
      name: 'Error',
      $metadata: { httpStatusCode: 502 },
    });
    expect(mapServiceError(answered, 'Getting AWS credentials')).toBeInstanceOf(ServiceException);
  });
});

describe('one classification of service errors', () => {
  const throttling = Object.keys(SERVICE_ERRORS).filter((n) => SERVICE_ERRORS[n]!.retry === 'throttling');

  it('every name the client retries as throttling becomes TooManyRequestsException, and back', () => {
    expect(throttling.length).toBeGreaterThanOrEqual(9);
    for (const name of throttling) {
      const error = { name, message: 'slow down', $metadata: { httpStatusCode: 400 } };
      expect(retryKind(error)).toBe('throttling');
      expect(mapServiceError(error, 'Getting an identity id')).toBeInstanceOf(TooManyRequestsException);
    }
    const final = { name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } };
    expect(retryKind(final)).toBe('final');
    expect(mapServiceError(final, 'Getting an identity id')).toBeInstanceOf(ServiceException);
  });

  it('a user-pool LimitExceededException keeps its own class, and is still retried', () => {
    const error = { name: 'LimitExceededException', $metadata: { httpStatusCode: 400 } };
    expect(retryKind(error)).toBe('throttling');
    expect(mapUserPoolError(error, 'Resetting the password')).toBeInstanceOf(LimitExceededException);
  });
});
