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
