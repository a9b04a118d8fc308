import { InvalidParameterException, getLogger, type KeyValueStorage } from '@plugboard/core';
import {
  COOKIE_NAME,
  expiredAttributes,
  resolveCookieAttributes,
  serializeCookie,
  type CookieAttributes,
} from './CookieAttributes.js';
import {
  MAX_CHUNKS,
  chunkName,
  chunkedHead,
  cookieNameOf,
  decodeBytes,
  digestOf,
  encodeValue,
  hasLoneSurrogate,
  parseHead,
  utf8,
  wholeHead,
} from './cookieCodec.js';
import { keepShape } from '../model/keepShape.js';
import { READ_NOW, type ReadsNow } from '../model/readNow.js';

/**
 * One request's cookies and its response's `Set-Cookie` headers. `cookieJarFromWeb` and
 * `cookieJarFromNode` make one; a framework's own cookie API fits too.
 */
export interface CookieJar {
  /** The value of the request's cookie `name`, as sent. */
  get(name: string): string | undefined;
  /** Sets cookie `name` on the response. */
  set(name: string, value: string, attributes: CookieAttributes): void;
  /** Deletes cookie `name` on the response (the attributes carry the path and domain it was set with). */
  remove(name: string, attributes: CookieAttributes): void;
}

/** Options of {@link createCookieStorage}. */
export interface CookieStorageOptions {
  /** Put before every cookie name. Default `'pb.'`; `'__Host-pb.'` adds the browser's __Host- checks. */
  readonly prefix?: string;
  /** Overrides of the defaults (HttpOnly, Secure, SameSite=Lax, Path=/, a browser-session cookie). */
  readonly attributes?: Partial<CookieAttributes>;
}

/** Browsers keep cookies of up to 4096 bytes, name, value and attributes counted (RFC 6265 5.3). */
const COOKIE_LIMIT = 4096;

const logger = /* @__PURE__ */ getLogger('CookieStorage');

/**
 * A `KeyValueStorage` over one request's cookies, for server-side sessions: reads come from the request,
 * writes go to the response as `Set-Cookie` headers, and later reads see earlier writes of the same
 * storage. A value too large for one cookie is split across several (`NAME~0`, `NAME~1`, ...) and
 * reassembled; a missing, mixed or altered chunk set reads as no value, with a warning that never holds
 * the value. A shorter value written over a longer one deletes the chunks it no longer needs, and
 * `removeItem` deletes every chunk. Use one storage per request.
 */
export function createCookieStorage(cookies: CookieJar, options: CookieStorageOptions = {}): KeyValueStorage {
  if (
    typeof cookies !== 'object' ||
    cookies === null ||
    ['get', 'set', 'remove'].some(
      (m) => typeof (cookies as unknown as Record<string, unknown>)[m] !== 'function',
    )
  )
    throw new InvalidParameterException(
      'createCookieStorage needs a cookie jar with get, set and remove.',
      'Pass cookieJarFromWeb(request, response), cookieJarFromNode(req, res) or your framework’s cookie API.',
    );
  const prefix = options.prefix ?? 'pb.';
  if (typeof prefix !== 'string' || (prefix !== '' && !COOKIE_NAME.test(prefix)))
    throw new InvalidParameterException(
      'Invalid cookie storage option: prefix holds a character a cookie name cannot carry.',
      "Use letters, digits and !#$%&'*+.^_`|~- only, such as 'pb.'.",
    );
  const attributes = resolveCookieAttributes(options.attributes, prefix);
  let expired: CookieAttributes | undefined;
  const deleted = (): CookieAttributes => (expired ??= expiredAttributes(attributes));
  /** What this storage wrote or read per key (null: no value), and how many chunks it wrote. */
  const known = new Map<string, string | null>();
  const written = new Map<string, number>();

  const checkKey = (key: unknown): string => {
    if (typeof key !== 'string' || key === '')
      throw new InvalidParameterException(
        'The storage key must be a non-empty string.',
        'Pass the key as a string.',
      );
    return key;
  };

  /** The chunk count a write must clear: the request's, any orphan run after it, and our own writes. */
  const chunksToClear = (name: string): number => {
    const head = cookies.get(name);
    const parsed = head === undefined ? undefined : parseHead(head);
    let count = Math.max(parsed?.kind === 'chunked' ? parsed.count : 0, written.get(name) ?? 0);
    while (count < MAX_CHUNKS && cookies.get(chunkName(name, count)) !== undefined) count++;
    return count;
  };

  const read = (key: string, name: string): string | null => {
    const head = cookies.get(name);
    if (head === undefined) return null;
    const parsed = parseHead(head);
    let payload: string;
    if (parsed.kind === 'whole') payload = parsed.payload;
    else if (parsed.kind === 'chunked') {
      payload = '';
      for (let i = 0; i < parsed.count; i++) {
        const chunk = cookies.get(chunkName(name, i));
        if (chunk === undefined) return unreadable(key, `chunk ${i + 1} of ${parsed.count} is missing`);
        payload += chunk;
      }
    } else return unreadable(key, 'its head cookie is malformed');
    const bytes = decodeBytes(payload);
    if (bytes === undefined) return unreadable(key, 'its cookies are not valid encoded text');
    if (digestOf(bytes) !== parsed.digest)
      return unreadable(key, 'its cookies do not match their digest (altered, or mixed from two writes)');
    return utf8(bytes) ?? unreadable(key, 'its cookies are not valid encoded text');
  };

  const readNow = (key: string): string | null => {
    checkKey(key);
    if (!known.has(key)) known.set(key, read(key, cookieNameOf(prefix, key)));
    return known.get(key) ?? null;
  };

  // The cookies are in memory: the plugin may read them at once (`readNow.ts`), without a queued step.
  const storage: KeyValueStorage & ReadsNow = {
    async getItem(key) {
      return readNow(key);
    },

    async setItem(key, value) {
      checkKey(key);
      if (typeof value !== 'string' || hasLoneSurrogate(value))
        throw new InvalidParameterException(
          'The value to store in cookies must be well-formed text.',
          'Store a string without unpaired surrogate characters (JSON.stringify output always qualifies).',
        );
      const name = cookieNameOf(prefix, key);
      const encoded = encodeValue(value);
      const { payload } = encoded;
      const stale = chunksToClear(name);
      // Everything is computed before the first header is written, so a refused value writes nothing.
      const writes: [string, string][] = [];
      const whole = wholeHead(encoded);
      if (serializeCookie(name, whole, attributes).length <= COOKIE_LIMIT) writes.push([name, whole]);
      else {
        const room = COOKIE_LIMIT - serializeCookie(chunkName(name, 0), '', attributes).length;
        const count = Math.ceil(payload.length / room);
        if (room <= 0 || count > MAX_CHUNKS)
          throw new InvalidParameterException(
            `The value for "${key}" needs more than ${MAX_CHUNKS} cookies of 4 KB.`,
            'Store less (fewer tokens), or keep this value in server-side storage and a session id in the cookie.',
          );
        writes.push([name, chunkedHead(encoded, count)]);
        for (let i = 0; i < count; i++)
          writes.push([chunkName(name, i), payload.slice(i * room, (i + 1) * room)]);
      }
      for (const [cookie, text] of writes) cookies.set(cookie, text, attributes);
      const count = writes.length - 1;
      for (let i = count; i < stale; i++) cookies.remove(chunkName(name, i), deleted());
      written.set(name, count);
      known.set(key, value);
    },

    async removeItem(key) {
      checkKey(key);
      const name = cookieNameOf(prefix, key);
      const stale = chunksToClear(name);
      if (cookies.get(name) !== undefined || known.get(key) != null) cookies.remove(name, deleted());
      for (let i = 0; i < stale; i++) cookies.remove(chunkName(name, i), deleted());
      written.set(name, 0);
      known.set(key, null);
    },
    [READ_NOW]: readNow,
  };
  return storage;
}

// The read at once is added to the literal's fixed part: one empty storage keeps that shape (keepShape.ts).
keepShape(createCookieStorage({ get: () => undefined, set: () => undefined, remove: () => undefined }));

function unreadable(key: string, reason: string): null {
  logger.warn(`The cookie session "${key}" is unreadable and reads as no value: ${reason}.`);
  return null;
}
