// The cookie storage's encoding and chunking over whole classes of input (fast-check).
import fc from 'fast-check';
import { InvalidParameterException } from '@plugboard/core';
import { createCookieStorage, serializeCookie, type CookieAttributes, type CookieJar } from '../../src';
import {
  cookieNameOf,
  decodePayload,
  decodePortably,
  encodePayload,
  encodePortably,
  utf8,
} from '../../src/server/cookieCodec';

/** The text a payload encodes, decoded without Node's Buffer. */
const decodeText = (payload: string) => {
  const bytes = decodePortably(payload);
  return bytes && utf8(bytes);
};
import { BrowserCookies } from './cookieSupport';

/** A jar over a BrowserCookies, recording every Set-Cookie line it writes. */
function jarOver(browser: BrowserCookies, lines: string[]): CookieJar {
  const write = (line: string) => {
    lines.push(line);
    browser.apply([line]);
  };
  return {
    get: (name) => browser.get(name),
    set: (name, value, a: CookieAttributes) => write(serializeCookie(name, value, a)),
    remove: (name, a: CookieAttributes) => write(serializeCookie(name, '', a)),
  };
}

/** Well-formed text of any code points (lone surrogates excluded: UTF-8 cannot carry them). */
const text = (maxLength: number, size: fc.SizeForArbitrary = 'small') =>
  fc.string({ unit: 'binary', maxLength, size }).filter((s) => !/\p{Cs}/u.test(s));
/** Large values, so that chunking is exercised: any code points, or long ASCII (JSON-like) text. */
const large = fc.oneof(text(5000, 'max'), fc.string({ maxLength: 20_000, size: 'max' }));

const COOKIE_OCTETS = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;

describe('the cookie encoding', () => {
  it('round-trips any well-formed text, using cookie-safe characters only', () => {
    fc.assert(
      fc.property(text(300), (value) => {
        const payload = encodePayload(value);
        expect(payload).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(decodePayload(payload)).toBe(value);
      }),
    );
  });

  it('encodes the same with and without Node’s Buffer, and both refuse the same malformed payloads', () => {
    fc.assert(
      fc.property(
        text(300),
        fc.string({ unit: fc.constantFrom(...'AQgw_-=+/.% é'), maxLength: 12 }),
        (value, noise) => {
          const payload = encodePortably(value);
          expect(payload).toBe(encodePayload(value));
          expect(decodeText(payload)).toBe(value);
          const altered = payload + noise;
          expect(decodeText(altered)).toBe(decodePayload(altered));
        },
      ),
    );
  });

  it('maps distinct keys to distinct cookie names made of token characters without "~"', () => {
    fc.assert(
      fc.property(text(40), text(40), (a, b) => {
        fc.pre(a !== b);
        const [na, nb] = [cookieNameOf('pb.', a), cookieNameOf('pb.', b)];
        expect(na).not.toBe(nb);
        expect(na).toMatch(/^[A-Za-z0-9!#$%&'*+.^_`|-]+$/);
      }),
    );
  });
});

describe('createCookieStorage, chunking', () => {
  it('stores any value in cookies of at most 4096 bytes and reads it back, in a later request too', async () => {
    let chunkedRuns = 0;
    await fc.assert(
      fc.asyncProperty(
        text(60),
        fc.oneof(text(200), large),
        fc.oneof(large, text(200), fc.constant('')),
        fc.record({
          maxAge: fc.option(fc.integer({ min: 1, max: 10 ** 9 }), { nil: undefined }),
          path: fc.constantFrom('/', '/a/long/path/for/the/game'),
        }),
        async (key, first, second, attributes) => {
          fc.pre(key !== '');
          const browser = new BrowserCookies();
          const lines: string[] = [];
          const storage = createCookieStorage(jarOver(browser, lines), { attributes });
          await storage.setItem(key, first);
          await storage.setItem(key, second);
          expect(await storage.getItem(key)).toBe(second);
          for (const line of lines) {
            expect(Buffer.byteLength(line)).toBeLessThanOrEqual(4096);
            expect(line.slice(line.indexOf('=') + 1, line.indexOf(';'))).toMatch(COOKIE_OCTETS);
          }
          // The next request sees only what the browser kept: exactly the second value's cookies.
          const next = createCookieStorage(jarOver(browser, []), { attributes });
          expect(await next.getItem(key)).toBe(second);
          // No stale chunk is left: the browser holds the head and exactly the chunks it names.
          const head = browser.get(cookieNameOf('pb.', key))!;
          const count = head.startsWith('c.') ? Number(head.split('.')[1]) : 0;
          const chunkNames = Array.from({ length: count }, (_, i) => `${cookieNameOf('pb.', key)}~${i}`);
          expect(browser.names()).toEqual([cookieNameOf('pb.', key), ...chunkNames].sort());
          if (count > 0) chunkedRuns++;
          await next.removeItem(key);
          expect(browser.names()).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
    expect(chunkedRuns).toBeGreaterThan(5);
  });

  it('refuses, before writing anything, a value that needs more than ten cookies', async () => {
    const lines: string[] = [];
    const storage = createCookieStorage(jarOver(new BrowserCookies(), lines));
    await expect(storage.setItem('k', 'x'.repeat(40_000))).rejects.toBeInstanceOf(InvalidParameterException);
    expect(lines).toEqual([]);
  });

  it.each([
    ['a prefix with a space', { prefix: 'my app' }],
    ['SameSite=None without Secure', { attributes: { sameSite: 'None' as const, secure: false } }],
    ['__Host- with a domain', { prefix: '__Host-x.', attributes: { domain: 'example.com' } }],
    ['a path with a ";"', { attributes: { path: '/;x' } }],
    ['a negative maxAge', { attributes: { maxAge: -1 } }],
    ['maxAge 0, which would delete every cookie at once', { attributes: { maxAge: 0 } }],
  ])('rejects %s with InvalidParameterException', (_, options) => {
    expect(() => createCookieStorage(jarOver(new BrowserCookies(), []), options)).toThrow(
      InvalidParameterException,
    );
  });
});
