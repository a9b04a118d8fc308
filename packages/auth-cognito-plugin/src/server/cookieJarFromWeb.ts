import { InvalidStateException } from '@plugboard/core';
import { serializeCookie, type CookieAttributes } from './CookieAttributes.js';
import { parseCookieHeader, replaceSetCookie } from './cookieHeaders.js';
import type { CookieJar } from './createCookieStorage.js';

/** The part of a Web `Headers` object the cookie jar reads. */
export interface WebRequestHeaders {
  /** The header's value; only `cookie` is read. */
  get(name: string): string | null;
}

/** The part of a Web `Headers` object the cookie jar writes. */
export interface WebResponseHeaders {
  /** Adds a header line (`set-cookie`). */
  append(name: string, value: string): void;
  /** Removes every line of a header (used to drop a cookie's earlier line before writing it again). */
  delete(name: string): void;
  /** The `Set-Cookie` lines set so far. */
  getSetCookie(): string[];
}

/**
 * A cookie jar over a Web-standard request and response (fetch API: Node 20's global `Request` and
 * `Response`, Deno, Bun, edge runtimes, framework route handlers): cookies are read from the request's
 * `Cookie` header and written to the response's headers as `Set-Cookie` lines. Other `Set-Cookie` lines
 * stay; a cookie written twice keeps its last line only. Pass the response (or the `Headers` you will
 * build it with) before it is sent: its headers must still be writable.
 */
export function cookieJarFromWeb(
  request: { readonly headers: WebRequestHeaders } | WebRequestHeaders,
  response: { readonly headers: WebResponseHeaders } | WebResponseHeaders,
): CookieJar {
  const requestHeaders = 'headers' in request ? request.headers : request;
  const headers = 'headers' in response ? response.headers : response;
  let parsed: Map<string, string> | undefined;
  const write = (line: string): void => {
    try {
      const replaced = replaceSetCookie(headers.getSetCookie(), line);
      if (replaced === undefined) headers.append('set-cookie', line);
      else {
        headers.delete('set-cookie');
        for (const each of replaced) headers.append('set-cookie', each);
      }
    } catch (error) {
      throw new InvalidStateException(
        'Could not write a cookie: the response headers are read-only.',
        'Pass a response you build yourself (new Response(...) or new Headers()), not one returned by fetch, and write cookies before returning it.',
        { cause: error },
      );
    }
  };
  return {
    get: (name) => (parsed ??= parseCookieHeader(requestHeaders.get('cookie'))).get(name),
    set: (name, value, attributes: CookieAttributes) => write(serializeCookie(name, value, attributes)),
    remove: (name, attributes: CookieAttributes) => write(serializeCookie(name, '', attributes)),
  };
}
