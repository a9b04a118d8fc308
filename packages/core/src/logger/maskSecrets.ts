/** What every masked value is replaced with. */
export const MASK = '***';

/** Object keys whose values are always masked, whatever they hold. */
const SECRET_KEY = /token|secret|password|credential|sessiontoken|logins|authorization/i;

/** A JWT or JWE: base64url JSON header (`eyJ...`) followed by dot-separated base64url segments. */
const JWT = /\beyJ[\w-]*(?:\.[\w-]*){2,4}/g;
/** Three long base64url segments: an opaque signed token that does not start with a JSON header. */
const DOTTED_TOKEN = /[\w-]{20,}\.[\w-]{20,}\.[\w-]{20,}/g;
/** A run of base64-ish characters (`=` only as padding) long enough to be a key or a token. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{32,}={0,2}/g;

/**
 * A source-file path as stack frames print it (`/app/dist/SessionStore.js:95:49`, `file:///...`,
 * `C:\\app\\main.js:1:2`), ending in a code file extension. It may not start inside a base64 run, so
 * a secret key that contains `/` cannot pass for one.
 */
const SOURCE_PATH =
  /(?<![\w+/=-])(?:file:\/\/\/?|[A-Za-z]:[\\/]|\.{1,2}[\\/]|~[\\/]|[\\/])?(?:[\w.@+-]+[\\/])+[\w.@+-]+\.(?:[cm]?[jt]sx?|json|node|wasm|map)\b(?::\d+){0,2}/g;

/** Nesting deeper than this is summarised rather than copied. */
const MAX_DEPTH = 12;

/**
 * Decides whether a long base64-ish run looks like a secret. Mixed case plus a digit or a base64
 * symbol catches AWS secret keys (40 characters), session tokens and opaque tokens, while lowercase
 * identifiers such as UUIDs, identity ids and file paths stay readable.
 */
function looksLikeSecret(run: string): boolean {
  return /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9+/=_]/.test(run);
}

function maskValues(text: string): string {
  if (text.length < 20) return text;
  return text
    .replace(JWT, MASK)
    .replace(DOTTED_TOKEN, MASK)
    .replace(BASE64_RUN, (run) => (looksLikeSecret(run) ? MASK : run));
}

/**
 * Replaces token-like substrings of `text` with {@link MASK}. Values are masked, not paths: source-file
 * paths in stack frames stay readable, however their folders are named.
 */
export function maskString(text: string): string {
  if (text.length < 20) return text;
  let masked = '';
  let done = 0;
  for (const match of text.matchAll(SOURCE_PATH)) {
    masked += maskValues(text.slice(done, match.index)) + match[0];
    done = match.index + match[0].length;
  }
  return masked + maskValues(text.slice(done));
}

/** True when the value of an object property named `key` must never be shown. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** The objects being copied or already copied, so that a cycle becomes `[Circular]`. */
type Seen = WeakSet<object>;

function maskError(error: Error, seen: Seen, depth: number): Error {
  // A real Error (so util.inspect prints message and stack) with the original's prototype (so it
  // still `instanceof`-checks like the original).
  const copy = Object.setPrototypeOf(new Error(), Object.getPrototypeOf(error) as object) as Error;
  const hide = (key: string, value: unknown): unknown =>
    Object.defineProperty(copy, key, { value, writable: true, configurable: true, enumerable: false });
  hide('name', error.name);
  hide('message', maskString(String(error.message)));
  if (typeof error.stack === 'string') hide('stack', maskString(error.stack));
  if (error.cause !== undefined) hide('cause', maskValue(error.cause, seen, depth + 1));
  for (const key of Object.keys(error)) {
    (copy as unknown as Record<string, unknown>)[key] = maskEntry(
      key,
      (error as unknown as Record<string, unknown>)[key],
      seen,
      depth,
    );
  }
  return copy;
}

function maskEntry(key: unknown, value: unknown, seen: Seen, depth: number): unknown {
  if (value === undefined || value === null) return value;
  return typeof key === 'string' && isSecretKey(key) ? MASK : maskValue(value, seen, depth + 1);
}

function maskValue(value: unknown, seen: Seen, depth: number): unknown {
  if (typeof value === 'string') return maskString(value);
  if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[Circular]';
  if (depth > MAX_DEPTH) return '[Object]';
  if (value instanceof Date) return new Date(value.getTime());
  seen.add(value);
  if (value instanceof Error) return maskError(value, seen, depth);
  const inner = (item: unknown): unknown => maskValue(item, seen, depth + 1);
  if (Array.isArray(value)) return value.map(inner);
  if (value instanceof Set) return new Set([...value].map(inner));
  if (value instanceof Map) {
    return new Map([...value].map(([key, item]) => [key, maskEntry(key, item, seen, depth)]));
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    copy[key] = maskEntry(key, (value as Record<string, unknown>)[key], seen, depth);
  }
  return copy;
}

/**
 * Returns a copy of `value` that is safe to log: JWTs, long token-like strings, AWS secret keys and
 * session tokens inside strings become `***`, and so does the whole value of any property whose name
 * mentions a token, secret, password, credential, logins or authorization. Walks nested objects,
 * arrays, maps, sets and errors (message, stack, cause and own properties); cycles become
 * `[Circular]`. The input is never modified.
 */
export function maskSecrets<T>(value: T): T;
export function maskSecrets(value: unknown): unknown {
  return maskValue(value, new WeakSet(), 0);
}
