import { InvalidParameterException } from '@plugboard/core';
import { AuthProvider } from '../AuthProvider.js';
import { FederateToIdentityPoolOptions } from '../FederateToIdentityPoolOptions.js';

/** Longest login token the Cognito Identity API accepts. */
export const MAX_TOKEN_LENGTH = 50_000;
const IDENTITY_ID = /^[\w-]+:[0-9a-f-]+$/;

function invalid(message: string, recovery: string): never {
  throw new InvalidParameterException(message, recovery);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `a string of ${value.length} characters` : `a ${typeof value}`;
}

/** Checks a provider token without ever putting it in the error. */
export function validateToken(token: unknown, what = 'The provider token'): string {
  if (typeof token !== 'string') {
    invalid(
      `${what} must be a string, got ${describe(token)}.`,
      'Pass the token string your identity provider returned.',
    );
  }
  if (token.trim() === '')
    invalid(`${what} is empty.`, 'Pass the token string your identity provider returned.');
  if (token.length > MAX_TOKEN_LENGTH) {
    invalid(
      `${what} is ${token.length} characters long; at most ${MAX_TOKEN_LENGTH} are accepted.`,
      'Pass the provider token itself, not a larger document that contains it.',
    );
  }
  return token;
}

export function validateProvider(provider: unknown): AuthProvider {
  if (!(provider instanceof AuthProvider)) {
    invalid(
      `The provider must be an AuthProvider, got ${describe(provider)}.`,
      "Use a factory such as AuthProvider.facebook(), AuthProvider.google() or AuthProvider.oidc('login.example.com').",
    );
  }
  return provider;
}

export function validateIdentityId(id: unknown, what: string): string {
  if (typeof id !== 'string' || id.length > 55 || !IDENTITY_ID.test(id)) {
    invalid(
      `${what} must be an identity id shaped like 'us-east-1:0a1b2c3d-...', got ${typeof id === 'string' ? `'${id.slice(0, 60)}'` : describe(id)}.`,
      'Pass the identityId returned by an earlier federateToIdentityPool or fetchAuthSession.',
    );
  }
  return id;
}

/** Accepts undefined, a built FederateToIdentityPoolOptions or a plain object with known keys only. */
export function validateFederateOptions(options: unknown): { developerProvidedIdentityId?: string } {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    invalid(
      `The federation options must be an object, got ${describe(options)}.`,
      'Pass FederateToIdentityPoolOptions.builder()...build() or { developerProvidedIdentityId }.',
    );
  }
  if (!(options instanceof FederateToIdentityPoolOptions)) {
    const unknown = Object.keys(options).filter((key) => key !== 'developerProvidedIdentityId');
    if (unknown.length > 0) {
      invalid(
        `Unknown federation option(s): ${unknown.join(', ')}.`,
        'The only option is developerProvidedIdentityId; check the spelling.',
      );
    }
  }
  const id = (options as { developerProvidedIdentityId?: unknown }).developerProvidedIdentityId;
  if (id === undefined) return {};
  return { developerProvidedIdentityId: validateIdentityId(id, 'developerProvidedIdentityId') };
}

export function validateFetchOptions(options: unknown): { forceRefresh: boolean } {
  if (options === undefined) return { forceRefresh: false };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    invalid(
      `The fetchAuthSession options must be an object, got ${describe(options)}.`,
      'Pass { forceRefresh: true } or nothing.',
    );
  }
  const force = (options as { forceRefresh?: unknown }).forceRefresh;
  if (force !== undefined && typeof force !== 'boolean') {
    invalid(
      `forceRefresh must be a boolean, got ${describe(force)}.`,
      'Pass { forceRefresh: true } or nothing.',
    );
  }
  return { forceRefresh: force === true };
}
