// The cookie storage behind a real node:http server on loopback, driven by fetch with a browser-like
// cookie jar carrying the cookies from response to request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidStateException, type KeyValueStorage } from '@plugboard/core';
import { cookieJarFromNode, createCookieStorage, type CookieStorageOptions } from '../../src';
import { jwtsIn, leakedSecrets } from '../support/secrets';
import { BrowserCookies, logMark, loggedSince, sessionValue } from './cookieSupport';

const KEY = 'plugboard.session.us-east-1_TestPool';

/** Each request: the app's own cookie, then the storage work the test asked for, then another cookie. */
type Work = (storage: KeyValueStorage, res: ServerResponse) => Promise<unknown>;
let work: Work = async () => null;
let options: CookieStorageOptions = {};
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('set-cookie', 'theme=dark; Path=/');
    const storage = createCookieStorage(cookieJarFromNode(req, res), options);
    work(storage, res).then(
      (result) => {
        if (!res.headersSent) {
          res.appendHeader('set-cookie', 'lang=en; Path=/');
          res.setHeader('content-type', 'application/json');
        }
        res.end(JSON.stringify({ result }));
      },
      (error: Error) => {
        if (!res.headersSent) res.statusCode = 500;
        res.end(JSON.stringify({ error: error.name }));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  options = {};
});

/** One request from the browser: runs `w` on the server, applies the response's cookies. */
async function request(browser: BrowserCookies, w: Work) {
  work = w;
  const cookie = browser.header();
  const response = await fetch(base, { headers: cookie ? { cookie } : {} });
  const setCookies = response.headers.getSetCookie();
  browser.apply(setCookies);
  const body = (await response.json()) as { result?: unknown; error?: string };
  return { ...body, setCookies };
}

describe('createCookieStorage over node:http (cookieJarFromNode)', () => {
  it('round-trips a session-sized token set through several chunk cookies, each within 4096 bytes', async () => {
    const browser = new BrowserCookies();
    const value = sessionValue();
    const written = await request(browser, (s) => s.setItem(KEY, value));
    expect(written.setCookies.every((line) => Buffer.byteLength(line) <= 4096)).toBe(true);
    expect(browser.names()).toEqual([
      'lang',
      'pb.plugboard.session.us-east-1_TestPool',
      'pb.plugboard.session.us-east-1_TestPool~0',
      'pb.plugboard.session.us-east-1_TestPool~1',
      'theme',
    ]);
    const read = await request(browser, (s) => s.getItem(KEY));
    expect(read.result).toBe(value);
  });

  it('reads back what the same request wrote, and keeps the app’s other Set-Cookie lines', async () => {
    const browser = new BrowserCookies();
    const value = sessionValue();
    const { result, setCookies } = await request(browser, async (s) => {
      await s.setItem(KEY, 'first');
      await s.setItem(KEY, value);
      return s.getItem(KEY);
    });
    expect(result).toBe(value);
    expect(setCookies[0]).toBe('theme=dark; Path=/');
    expect(setCookies.at(-1)).toBe('lang=en; Path=/');
    // Written twice in one response: each cookie appears once, with its last value.
    const names = setCookies.map((line) => line.slice(0, line.indexOf('=')));
    expect(new Set(names).size).toBe(names.length);
  });

  it('drops the stale chunks when a shorter value replaces a longer one', async () => {
    const browser = new BrowserCookies();
    await request(browser, (s) => s.setItem(KEY, sessionValue() + sessionValue()));
    expect(browser.names().filter((n) => n.includes('~'))).toHaveLength(4);
    const shrink = await request(browser, (s) => s.setItem(KEY, sessionValue()));
    expect(
      shrink.setCookies.filter((l) => /~[23]=; Max-Age=0; Expires=Thu, 01 Jan 1970/.test(l)),
    ).toHaveLength(2);
    expect(browser.names().filter((n) => n.includes('~'))).toHaveLength(2);
    await request(browser, (s) => s.setItem(KEY, '{"small":true}'));
    expect(browser.names()).toEqual(['lang', 'pb.plugboard.session.us-east-1_TestPool', 'theme']);
    expect((await request(browser, (s) => s.getItem(KEY))).result).toBe('{"small":true}');
  });

  it('removes every chunk, and removal is seen by later reads of the same request', async () => {
    const browser = new BrowserCookies();
    await request(browser, (s) => s.setItem(KEY, sessionValue()));
    const removed = await request(browser, async (s) => {
      await s.removeItem(KEY);
      return s.getItem(KEY);
    });
    expect(removed.result).toBeNull();
    expect(browser.names()).toEqual(['lang', 'theme']);
  });

  it.each([
    ['a chunk is missing', (b: BrowserCookies, n: string) => b.delete(`${n}~1`), 'chunk 2 of 2 is missing'],
    [
      'a chunk was altered',
      (b: BrowserCookies, n: string) => b.set(`${n}~0`, `A${b.get(`${n}~0`)!.slice(1)}`),
      'digest',
    ],
    ['the head is malformed', (b: BrowserCookies, n: string) => b.set(n, 'c.99.zz'), 'malformed'],
  ])('reads no value with a warning, never the value, when %s', async (_, tamper, reason) => {
    const browser = new BrowserCookies();
    const value = sessionValue();
    await request(browser, (s) => s.setItem(KEY, value));
    tamper(browser, 'pb.plugboard.session.us-east-1_TestPool');
    const mark = logMark();
    expect((await request(browser, (s) => s.getItem(KEY))).result).toBeNull();
    const logged = loggedSince(mark).join('\n');
    expect(logged).toContain('WARN');
    expect(logged).toContain(reason);
    expect(leakedSecrets(logged)).toEqual([]);
    expect(jwtsIn(logged)).toEqual([]);
    expect(logged).not.toContain(browser.get('pb.plugboard.session.us-east-1_TestPool~0')!.slice(0, 40));
  });

  it('reads no value when the chunks come from two different writes', async () => {
    const browser = new BrowserCookies();
    await request(browser, (s) => s.setItem(KEY, sessionValue()));
    const firstChunk = browser.get('pb.plugboard.session.us-east-1_TestPool~0')!;
    await request(browser, (s) => s.setItem(KEY, sessionValue()));
    browser.set('pb.plugboard.session.us-east-1_TestPool~0', firstChunk);
    expect((await request(browser, (s) => s.getItem(KEY))).result).toBeNull();
  });

  it('writes the safe default attributes, and the configured ones', async () => {
    const browser = new BrowserCookies();
    const { setCookies } = await request(browser, (s) => s.setItem(KEY, 'v'));
    expect(setCookies[1]).toMatch(
      /^pb\.plugboard\.session\.us-east-1_TestPool=s\.[0-9a-f]{16}\.dg; Path=\/; Secure; HttpOnly; SameSite=Lax$/,
    );
    options = {
      prefix: '__Host-game.',
      attributes: { maxAge: 86400, sameSite: 'Strict' },
    };
    const configured = await request(browser, (s) => s.setItem('k:1', 'v'));
    expect(configured.setCookies[1]).toMatch(
      /^__Host-game\.k!3A1=\S+; Max-Age=86400; Path=\/; Secure; HttpOnly; SameSite=Strict$/,
    );
    options = { attributes: { secure: false, httpOnly: false, domain: 'example.com', path: '/app' } };
    const relaxed = await request(browser, (s) => s.setItem('k', 'v'));
    options = { attributes: { expires: new Date(Date.UTC(2030, 0, 1)) } };
    const dated = await request(browser, (s) => s.setItem('k', 'v'));
    expect(dated.setCookies[1]).toMatch(
      /^pb\.k=\S+; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Path=\/; Secure; HttpOnly; SameSite=Lax$/,
    );
    expect(relaxed.setCookies[1]).toMatch(/; Domain=example\.com; Path=\/app; SameSite=Lax$/);
  });

  it('refuses to write once the headers were sent, instead of losing the cookie', async () => {
    const browser = new BrowserCookies();
    const result = await request(browser, async (s, res) => {
      res.flushHeaders();
      try {
        await s.setItem(KEY, 'late');
        return 'written';
      } catch (error) {
        return error instanceof InvalidStateException ? error.name : String(error);
      }
    });
    expect(result.result).toBe('InvalidStateException');
  });

  it('reads cookies from several Cookie header values, as HTTP/2 servers may pass them', async () => {
    const browser = new BrowserCookies();
    const value = sessionValue();
    await request(browser, (s) => s.setItem(KEY, value));
    const response = { headersSent: false, getHeader: () => undefined, setHeader: () => undefined };
    const jar = cookieJarFromNode({ headers: { cookie: browser.header()!.split('; ') } }, response);
    expect(await createCookieStorage(jar).getItem(KEY)).toBe(value);
  });
});
