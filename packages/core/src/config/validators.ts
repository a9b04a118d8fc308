import { invalidConfiguration } from './configurationErrors.js';
import { isLoopbackHost } from './isLoopbackHost.js';

/** AWS's identity pool id pattern (`region:uuid`), anchored. */
const IDENTITY_POOL_ID = /^[\w-]+:[0-9a-f-]+$/;
/** AWS's user pool id pattern (`region_id`; cognito-local uses `local_xxxx`), anchored. */
const USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
/** A region name such as `us-east-1` or `eu-central-2`. */
const REGION = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;
const POOL_ID_MAX = 55;

export function isValidIdentityPoolId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= POOL_ID_MAX && IDENTITY_POOL_ID.test(value);
}

export function isValidUserPoolId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= POOL_ID_MAX && USER_POOL_ID.test(value);
}

export function isValidRegion(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 50 && REGION.test(value);
}

export interface EndpointRules {
  /** Accept plain `http://` on any host (containers, compose service names), not only loopback. */
  readonly allowInsecure?: boolean;
}

/**
 * True for an `https://` URL, or an `http://` URL whose host is loopback (any host with
 * `allowInsecure`). No user info allowed.
 */
export function isAllowedEndpoint(value: unknown, rules: EndpointRules = {}): value is string {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (rules.allowInsecure === true || isLoopbackHost(url.hostname));
}

/** True for a plain `http://` URL on a host that is not loopback. */
export function isInsecureRemoteEndpoint(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}

function fail(path: string, problem: string, recovery: string): never {
  throw invalidConfiguration(path, problem, recovery);
}

/** Shows a non-secret value in an error message, shortened. */
function show(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : String(value);
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
}

export function assertObject(value: unknown, path: string): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(
      path,
      `expected an object, got ${Array.isArray(value) ? 'an array' : typeof value}.`,
      'Check the JSON shape.',
    );
  }
}

export function assertIdentityPoolId(value: unknown, path: string): asserts value is string {
  if (!isValidIdentityPoolId(value)) {
    fail(
      path,
      `${show(value)} is not an identity pool id.`,
      'Use the id from the Cognito console, e.g. us-east-1:0f6c2a5e-1d3b-4c8e-9a7f-2b4d6e8f0a1c.',
    );
  }
}

export function assertUserPoolId(value: unknown, path: string): asserts value is string {
  if (!isValidUserPoolId(value)) {
    fail(
      path,
      `${show(value)} is not a user pool id.`,
      'Use the id from the Cognito console, e.g. us-east-1_AbC123.',
    );
  }
}

export function assertRegion(value: unknown, path: string): asserts value is string {
  if (!isValidRegion(value)) {
    fail(path, `${show(value)} is not an AWS region.`, 'Use a region name such as us-east-1.');
  }
}

/** A required non-empty string whose value is never shown (it may be a secret). */
export function assertNonEmptyString(value: unknown, path: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    fail(path, 'expected a non-empty string.', 'Copy the value from your backend configuration.');
  }
}

export function assertEndpoint(
  value: unknown,
  path: string,
  rules: EndpointRules = {},
): asserts value is string {
  if (!isAllowedEndpoint(value, rules)) {
    fail(
      path,
      rules.allowInsecure === true
        ? 'expected an http:// or https:// URL without user info.'
        : 'expected an https:// URL, or an http:// URL on a loopback host (localhost, 127.0.0.1, [::1]), without user info.',
      'Use https:// for remote endpoints. Plain http:// is for local emulators; for a container host ' +
        '(a compose service name) set allowInsecureEndpoint: true next to Endpoint ' +
        '(allow_insecure_endpoint: true in amplify_outputs.json).',
    );
  }
}

export function assertOptionalBoolean(value: unknown, path: string): asserts value is boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') {
    fail(path, `expected true or false, got ${show(value)}.`, 'Use a JSON boolean (true or false).');
  }
}
