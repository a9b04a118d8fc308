// How the cookie storage turns keys and values into cookie names and values, and back.
//
// A stored value lives under one head cookie NAME, either whole or as a chunk count:
//   NAME    = "s.<digest>.<payload>"       the whole value
//   NAME    = "c.<count>.<digest>"         chunked: the payload is the concatenation of
//   NAME~0 ... NAME~<count-1>              these chunk cookies, in order
// The payload is the value's UTF-8 bytes in base64url (unpadded, canonical), so it never holds `;`, `,`,
// `%`, quotes, space or control characters, and frameworks that percent-decode cookie values leave it
// unchanged. The digest (a 64-bit FNV-1a variant over those bytes, four at a time) tells a complete,
// matching set of chunks from a partial, mixed or altered one. It checks consistency, not authenticity:
// a client can always rewrite its own cookies.

/** The most chunk cookies one value may take (single-digit indexes, 10 x 4 KB). */
export const MAX_CHUNKS = 10;

/** Characters a key keeps in its cookie name; every other UTF-8 byte becomes `!XX`. */
const PLAIN = /^[A-Za-z0-9._-]$/;

/** A key made of {@link PLAIN} characters only: its cookie name is the prefix and the key. */
const ALL_PLAIN = /^[A-Za-z0-9._-]*$/;

/** The cookie name of `key` under `prefix`. Injective, and never holds `~` (the chunk separator). */
export function cookieNameOf(prefix: string, key: string): string {
  if (ALL_PLAIN.test(key)) return prefix + key;
  let name = prefix;
  for (const char of key) {
    if (PLAIN.test(char)) name += char;
    else
      for (const byte of encoder.encode(char)) name += `!${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return name;
}

/** The name of chunk `index` of the value under head cookie `name`. */
export const chunkName = (name: string, index: number): string => `${name}~${index}`;

/** True when `text` holds a lone surrogate, which UTF-8 cannot carry. */
export const hasLoneSurrogate = (text: string): boolean => /\p{Cs}/u.test(text);

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Each base64url character's 6-bit value, -1 for any other character code below 128. */
const VALUE = Int8Array.from({ length: 128 }, (_, code) => ALPHABET.indexOf(String.fromCharCode(code)));

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Node's Buffer when the runtime has one (found on the global object: no `node:` import on this path). */
interface NodeBufferLike {
  from(
    text: string,
    encoding: 'utf8' | 'base64url',
  ): Uint8Array & { toString(encoding: 'base64url'): string };
}
const nodeBuffer = (globalThis as { Buffer?: NodeBufferLike }).Buffer;

/** A value as its cookies carry it: the payload, and the digest of the bytes it encodes. */
export interface EncodedValue {
  readonly payload: string;
  readonly digest: string;
}

/** The payload (base64url, no padding, of `text`'s UTF-8 bytes) and digest of `text`, which must be well-formed. */
export function encodeValue(text: string): EncodedValue {
  const bytes = nodeBuffer ? nodeBuffer.from(text, 'utf8') : encoder.encode(text);
  const payload = nodeBuffer
    ? (bytes as ReturnType<NodeBufferLike['from']>).toString('base64url')
    : base64url(bytes);
  return { payload, digest: digestOf(bytes) };
}

/** The base64url form (no padding) of `text`'s UTF-8 bytes. `text` must be well-formed. */
export const encodePayload = (text: string): string => encodeValue(text).payload;

/**
 * The bytes `payload` encodes, or undefined unless it is canonical base64url: only alphabet characters,
 * no padding, no stray low bits (so no two payloads read the same).
 */
export function decodeBytes(payload: string): Uint8Array | undefined {
  if (!nodeBuffer) return decodePortably(payload);
  // Buffer takes `+/` too, skips (or stops at) any other character outside the alphabet, and ignores
  // stray low bits. So: no `+/`, no stray bits, and every character decoded (the full byte count).
  const { length } = payload;
  const last = length === 0 ? 0 : (VALUE[payload.charCodeAt(length - 1)] ?? -1);
  if (length % 4 === 1 || (last & [0, 0, 15, 3][length % 4]!) !== 0) return undefined;
  if (payload.includes('+') || payload.includes('/')) return undefined;
  const bytes = nodeBuffer.from(payload, 'base64url');
  return bytes.length === Math.floor((length * 3) / 4) ? bytes : undefined;
}

/** The UTF-8 text of `bytes`, or undefined when they are not valid UTF-8. */
export function utf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The text `payload` encodes, or undefined when it is not canonical base64url of valid UTF-8. */
export function decodePayload(payload: string): string | undefined {
  const bytes = decodeBytes(payload);
  return bytes && utf8(bytes);
}

// Without Buffer (browsers, edge runtimes): a table loop; btoa/atob would need a binary string copy.

/** {@link encodePayload} without Node's Buffer. */
export const encodePortably = (text: string): string => base64url(encoder.encode(text));

/** The base64url form (no padding) of `bytes`, by table. */
function base64url(bytes: Uint8Array): string {
  const parts: string[] = [];
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    parts.push(
      ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + ALPHABET[n & 63]!,
    );
  }
  if (i < bytes.length) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8);
    parts.push(
      ALPHABET[n >>> 18]! +
        ALPHABET[(n >>> 12) & 63]! +
        (i + 1 < bytes.length ? ALPHABET[(n >>> 6) & 63]! : ''),
    );
  }
  return parts.join('');
}

/** {@link decodeBytes} without Node's Buffer. */
export function decodePortably(payload: string): Uint8Array | undefined {
  if (payload.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((payload.length * 3) / 4));
  let bits = 0;
  let count = 0;
  let at = 0;
  for (let i = 0; i < payload.length; i++) {
    const code = payload.charCodeAt(i);
    const value = code < 128 ? VALUE[code]! : -1;
    if (value < 0) return undefined;
    bits = (bits << 6) | value;
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes[at++] = (bits >>> count) & 255;
    }
  }
  // Leftover bits must be zero, as an encoder writes them: otherwise two payloads would read the same.
  if ((bits & ((1 << count) - 1)) !== 0) return undefined;
  return bytes;
}

/**
 * A 64-bit FNV-1a-style hash of `bytes` as 16 hex digits: two 32-bit lanes with different seeds, fed a
 * little-endian 32-bit word at a time (a quarter of the multiplications of a byte-wise FNV), then the
 * 0-3 bytes left and the length.
 */
export function digestOf(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  const n = bytes.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const word = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    a = Math.imul(a ^ word, 0x01000193);
    b = Math.imul(b ^ word, 0x01000193) ^ (a >>> 15);
  }
  let tail = 0;
  for (let k = n - 1; k >= i; k--) tail = (tail << 8) | bytes[k]!;
  for (let step = 0; step < 2; step++) {
    const word = step === 0 ? tail : n;
    a = Math.imul(a ^ word, 0x01000193);
    b = Math.imul(b ^ word, 0x01000193) ^ (a >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** A head cookie's meaning, or why it is unreadable. */
export type ParsedHead =
  | { readonly kind: 'whole'; readonly digest: string; readonly payload: string }
  | { readonly kind: 'chunked'; readonly count: number; readonly digest: string }
  | { readonly kind: 'malformed' };

const DIGEST = /^[0-9a-f]{16}$/;

/** Reads a head cookie's value. */
export function parseHead(value: string): ParsedHead {
  const [kind, first = '', second = ''] = value.split('.', 3);
  if (kind === 's' && DIGEST.test(first) && value.length === 19 + second.length)
    return { kind: 'whole', digest: first, payload: second };
  if (kind === 'c' && /^[1-9][0-9]?$/.test(first) && DIGEST.test(second) && Number(first) <= MAX_CHUNKS)
    return { kind: 'chunked', count: Number(first), digest: second };
  return { kind: 'malformed' };
}

/** The head cookie value of a value stored whole. */
export const wholeHead = ({ payload, digest }: EncodedValue): string => `s.${digest}.${payload}`;

/** The head cookie value of a value stored in `count` chunks. */
export const chunkedHead = ({ digest }: EncodedValue, count: number): string => `c.${count}.${digest}`;
