import { InvalidStateException } from '@plugboard/core';
import { serializeCookie, type CookieAttributes } from './CookieAttributes.js';
import { parseCookieHeader, replaceSetCookie } from './cookieHeaders.js';
import type { CookieJar } from './createCookieStorage.js';

/** The part of Node's `http.IncomingMessage` the cookie jar reads. */
export interface NodeRequestLike {
  /** The request headers; only `cookie` is read. */
  readonly headers: { readonly cookie?: string | readonly string[] | undefined };
}

/** The part of Node's `http.ServerResponse` the cookie jar writes. */
export interface NodeResponseLike {
  /** True once the status line and headers have gone out; cookies can no longer be added. */
  readonly headersSent: boolean;
  /** The header's current value (`set-cookie` is read to keep the lines already set). */
  getHeader(name: string): number | string | readonly string[] | undefined;
  /** Replaces the header (`set-cookie` is written with every line, old and new). */
  setHeader(name: string, value: string | readonly string[]): unknown;
}

/**
 * A cookie jar over Node's `IncomingMessage` and `ServerResponse` (node:http, Express, Fastify's raw
 * objects): cookies are read from `req.headers.cookie` and written with `res.setHeader('Set-Cookie', ...)`,
 * keeping every `Set-Cookie` line already set for other cookies. Writing after the headers were sent
 * throws `InvalidStateException` instead of losing the cookie.
 */
export function cookieJarFromNode(request: NodeRequestLike, response: NodeResponseLike): CookieJar {
  let parsed: Map<string, string> | undefined;
  const write = (line: string): void => {
    if (response.headersSent)
      throw new InvalidStateException(
        'Could not write a cookie: the response headers were already sent.',
        'Finish the auth work (and its session writes) before writeHead, write or end.',
      );
    const current = response.getHeader('set-cookie');
    const existing =
      current === undefined ? [] : Array.isArray(current) ? (current as string[]) : [String(current)];
    response.setHeader('set-cookie', replaceSetCookie(existing, line) ?? [...existing, line]);
  };
  return {
    get: (name) => (parsed ??= parseCookieHeader(request.headers.cookie)).get(name),
    set: (name, value, attributes: CookieAttributes) => write(serializeCookie(name, value, attributes)),
    remove: (name, attributes: CookieAttributes) => write(serializeCookie(name, '', attributes)),
  };
}
