// How the cookie storage turns keys and values into cookie names and values, and back.
//
// A stored value lives under one head cookie NAME, either whole or as a chunk count:
//   NAME    = "s.<digest>.<payload>"       the whole value
//   NAME    = "c.<count>.<digest>"         chunked: the payload is the concatenation of
//   NAME~0 ... NAME~<count-1>              these chunk cookies, in order
// The payload is the value's UTF-8 bytes in base64url, so it never holds `;`, `,`, `%`, quotes, space or
// control characters, and frameworks that percent-decode cookie values leave it unchanged. The digest
// (a 64-bit FNV-1a of the payload) tells a complete, matching set of chunks from a partial, mixed or
// altered one. It checks consistency, not authenticity: a client can always rewrite its own cookies.

/** The most chunk cookies one value may take (single-digit indexes, 10 x 4 KB). */
export const MAX_CHUNKS = 10;

/** Characters a key keeps in its cookie name; every other UTF-8 byte becomes `!XX`. */
const PLAIN = /^[A-Za-z0-9._-]$/;

/** The cookie name of `key` under `prefix`. Injective, and never holds `~` (the chunk separator). */
export function cookieNameOf(prefix: string, key: string): string {
  let name = prefix;
  for (const char of key) {
    if (PLAIN.test(char)) name += char;
    else
      for (const byte of new TextEncoder().encode(char))
        name += `!${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return name;
}

/** The name of chunk `index` of the value under head cookie `name`. */
export const chunkName = (name: string, index: number): string => `${name}~${index}`;

/** True when `text` holds a lone surrogate, which UTF-8 cannot carry. */
export const hasLoneSurrogate = (text: string): boolean => /\p{Cs}/u.test(text);

/** The base64url form (no padding) of `text`'s UTF-8 bytes. `text` must be well-formed. */
export function encodePayload(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The text `payload` encodes, or undefined when it is not base64url of valid UTF-8. */
export function decodePayload(payload: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(payload) || payload.length % 4 === 1) return undefined;
  const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** A 64-bit FNV-1a hash of an ASCII string, as 16 hex digits (two 32-bit lanes with different seeds). */
export function digestOf(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
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
export const wholeHead = (payload: string): string => `s.${digestOf(payload)}.${payload}`;

/** The head cookie value of a value stored in `count` chunks. */
export const chunkedHead = (payload: string, count: number): string => `c.${count}.${digestOf(payload)}`;
