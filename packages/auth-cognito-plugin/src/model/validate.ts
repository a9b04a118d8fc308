import { InvalidParameterException } from '@plugboard/core';
import { AuthProvider, MAX_PROVIDER_NAME_LENGTH } from './AuthProvider.js';
import { FederateToIdentityPoolOptions } from './FederateToIdentityPoolOptions.js';
import { isIdentityId, regionOf } from './identityId.js';

/** Longest login token the Cognito Identity API accepts. */
export const MAX_TOKEN_LENGTH = 50_000;

function invalid(message: string, recovery: string): never {
  throw new InvalidParameterException(message, recovery);
}

export function describe(value: unknown): string {
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

const PROVIDER_RECOVERY =
  "Use a factory such as AuthProvider.facebook(), AuthProvider.google() or AuthProvider.oidc('login.example.com').";

/**
 * Checks a provider by what it holds, not only by its class: an object made with
 * `Object.create(AuthProvider.prototype)` passes `instanceof` yet has no valid name. Returns the name.
 */
export function validateProvider(provider: unknown): AuthProvider {
  let name: unknown;
  try {
    if (!(provider instanceof AuthProvider)) {
      invalid(`The provider must be an AuthProvider, got ${describe(provider)}.`, PROVIDER_RECOVERY);
    }
    name = Object.getOwnPropertyDescriptor(provider, 'providerName')?.value;
  } catch (error) {
    if (error instanceof InvalidParameterException) throw error;
    invalid('The provider could not be read.', PROVIDER_RECOVERY); // a Proxy whose traps throw
  }
  if (
    typeof name !== 'string' ||
    name.trim() === '' ||
    name.length > MAX_PROVIDER_NAME_LENGTH ||
    [...name].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)
  ) {
    invalid(
      `The provider has no valid name (1 to ${MAX_PROVIDER_NAME_LENGTH} printable characters); it was not made by an AuthProvider factory.`,
      PROVIDER_RECOVERY,
    );
  }
  return provider as AuthProvider;
}

/** Checks an identity id: `<region>:<uuid>`, and in `poolId`'s region when a pool id is given. */
export function validateIdentityId(id: unknown, what: string, poolId?: string): string {
  if (!isIdentityId(id)) {
    invalid(
      `${what} must be an identity id shaped like 'us-east-1:0a1b2c3d-...', got ${typeof id === 'string' ? `${id.length} characters` : describe(id)}.`,
      'Pass the identityId returned by an earlier federateToIdentityPool or fetchAuthSession.',
    );
  }
  const poolRegion = poolId === undefined ? undefined : regionOf(poolId);
  if (poolRegion !== undefined && regionOf(id) !== poolRegion) {
    invalid(
      `${what} belongs to region ${regionOf(id)}, but the identity pool is in ${poolRegion}.`,
      "Pass an identity id of the configured identity pool; identity ids start with their pool's region.",
    );
  }
  return id;
}

/** Refuses arguments given to a method that takes none (besides its callbacks), e.g. a stray string. */
export function validateNoOptions(options: unknown, method: string): void {
  if (options !== undefined) {
    invalid(
      `${method} takes no options, got ${describe(options)}.`,
      `Call ${method}() for the promise style or ${method}(onSuccess, onError) for the callback style.`,
    );
  }
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
    const unknown = Reflect.ownKeys(options)
      .map(String)
      .filter((key) => key !== 'developerProvidedIdentityId');
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

export function validateSignOutOptions(options: unknown): {
  globalSignOut: boolean;
  browser?: { open(url: string, redirectUri: string): Promise<string> };
} {
  if (options === undefined) return { globalSignOut: false };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    invalid(
      `The sign-out options must be an object, got ${describe(options)}.`,
      'Pass { globalSignOut: true } or nothing.',
    );
  }
  const { globalSignOut: global, browser } = options as { globalSignOut?: unknown; browser?: unknown };
  if (global !== undefined && typeof global !== 'boolean') {
    invalid(
      `globalSignOut must be a boolean, got ${describe(global)}.`,
      'Pass { globalSignOut: true } or nothing.',
    );
  }
  if (
    browser !== undefined &&
    (typeof browser !== 'object' ||
      browser === null ||
      typeof (browser as { open?: unknown }).open !== 'function')
  ) {
    invalid(
      'The sign-out option browser must be an object with an open(url, redirectUri) method.',
      'Pass the WebUIBrowser used for the hosted-UI sign-in, or leave browser out.',
    );
  }
  return {
    globalSignOut: global === true,
    ...(browser === undefined
      ? {}
      : { browser: browser as { open(url: string, redirectUri: string): Promise<string> } }),
  };
}
