import { invalidConfiguration } from './configurationErrors.js';
import { isLoopbackHost } from './isLoopbackHost.js';

/** A type guard for strings of at most `max` characters that match `pattern` (anchored). */
const matching =
  (pattern: RegExp, max: number) =>
  (value: unknown): value is string =>
    typeof value === 'string' && value.length <= max && pattern.test(value);

/** AWS's identity pool id pattern (`region:uuid`). */
export const isValidIdentityPoolId = matching(/^[\w-]+:[0-9a-f-]+$/, 55);
/** AWS's user pool id pattern (`region_id`; cognito-local uses `local_xxxx`). */
export const isValidUserPoolId = matching(/^[\w-]+_[0-9a-zA-Z]+$/, 55);
/** A region name such as `us-east-1` or `eu-central-2`. */
export const isValidRegion = matching(/^[a-z0-9]+(?:-[a-z0-9]+)+$/, 50);

export interface EndpointRules {
  /** Accept plain `http://` on any host (containers, compose service names), not only loopback. */
  readonly allowInsecure?: boolean;
}

/** The URL `value` parses to, or undefined when it is not a URL string. */
function urlOf(value: unknown): URL | undefined {
  try {
    return typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True for an `https://` URL, or an `http://` URL whose host is loopback (any host with
 * `allowInsecure`). No user info allowed.
 */
export function isAllowedEndpoint(value: unknown, rules: EndpointRules = {}): value is string {
  const url = urlOf(value);
  return (
    url !== undefined &&
    url.username + url.password === '' &&
    (url.protocol === 'https:' ||
      (url.protocol === 'http:' && (rules.allowInsecure === true || isLoopbackHost(url.hostname))))
  );
}

/** True for a plain `http://` URL on a host that is not loopback. */
export function isInsecureRemoteEndpoint(value: string): boolean {
  const url = urlOf(value);
  return url?.protocol === 'http:' && !isLoopbackHost(url.hostname);
}

/** Shows a non-secret value in an error message, shortened. */
function show(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : String(value);
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
}

/**
 * A field check: throws `ConfigurationException` naming `path` when `value` is wrong. `parent` is the
 * object holding the field (the endpoint check reads its opt-in there).
 */
export type Check = (value: unknown, path: string, parent?: Record<string, unknown>) => void;

/** A check from a test, the problem it reports (quoting the value only where `problem` does) and the fix. */
const check =
  (ok: (value: unknown) => boolean, problem: (value: unknown) => string, recovery: string): Check =>
  (value, path) => {
    if (!ok(value)) throw invalidConfiguration(path, problem(value), recovery);
  };

const CONSOLE_ID = 'Use the id from the Cognito console, e.g. ';

export const checkIdentityPoolId: Check = check(
  isValidIdentityPoolId,
  (value) => `${show(value)} is not an identity pool id.`,
  `${CONSOLE_ID}us-east-1:0f6c2a5e-1d3b-4c8e-9a7f-2b4d6e8f0a1c.`,
);

export const checkUserPoolId: Check = check(
  isValidUserPoolId,
  (value) => `${show(value)} is not a user pool id.`,
  `${CONSOLE_ID}us-east-1_AbC123.`,
);

export const checkRegion: Check = check(
  isValidRegion,
  (value) => `${show(value)} is not an AWS region.`,
  'Use a region name such as us-east-1.',
);

/** A required non-empty string whose value is never shown (it may be a secret). */
export const checkNonEmptyString: Check = check(
  (value) => typeof value === 'string' && value.trim() !== '',
  () => 'expected a non-empty string.',
  'Copy the value from your backend configuration.',
);

export const checkOptionalBoolean: Check = check(
  (value) => value === undefined || typeof value === 'boolean',
  (value) => `expected true or false, got ${show(value)}.`,
  'Use a JSON boolean (true or false).',
);

/**
 * `record[key]` if `record` has it as its own property, else undefined: configuration never takes a
 * value from a prototype (`Object.prototype.Endpoint = ...` changes nothing).
 */
export function ownValue(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/** Refuses an `Endpoint` that {@link isAllowedEndpoint} refuses under the opt-in of its pool. */
export const checkEndpoint: Check = (value, path, parent = {}) => {
  const allowInsecure = ownValue(parent, 'allowInsecureEndpoint') === true;
  if (!isAllowedEndpoint(value, { allowInsecure })) {
    throw invalidConfiguration(
      path,
      `expected an ${allowInsecure ? 'http:// or https:// URL' : 'https:// URL, or http:// on a loopback host'} without user info.`,
      'Use https:// remotely; plain http:// is for local emulators, or any host with ' +
        'allowInsecureEndpoint: true (allow_insecure_endpoint in amplify_outputs.json).',
    );
  }
};

export function assertObject(value: unknown, path: string): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidConfiguration(
      path,
      `expected an object, got ${Array.isArray(value) ? 'an array' : typeof value}.`,
      'Check the JSON shape.',
    );
  }
}
