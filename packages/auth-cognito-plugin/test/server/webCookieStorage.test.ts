// The cookie storage over Web-standard Request/Response (Node 20's global fetch classes, from undici).
import { InvalidStateException } from '@plugboard/core';
import { cookieJarFromWeb, createCookieStorage } from '../../src';
import { BrowserCookies, sessionValue } from './cookieSupport';

const KEY = 'session';
const URL_ = 'https://game.example/api/score';

/** A route handler's shape: a Request in, a Response out, the storage working in between. */
async function handle(
  browser: BrowserCookies,
  work: (s: ReturnType<typeof createCookieStorage>) => Promise<unknown>,
) {
  const cookie = browser.header();
  const request = new Request(URL_, { headers: cookie ? { cookie } : {} });
  const response = new Response(null, { status: 204, headers: { 'set-cookie': 'theme=dark; Path=/' } });
  const result = await work(createCookieStorage(cookieJarFromWeb(request, response)));
  browser.apply(response.headers.getSetCookie());
  return { result, setCookies: response.headers.getSetCookie() };
}

describe('createCookieStorage over Web Request/Response (cookieJarFromWeb)', () => {
  it('round-trips a session-sized value in chunks and keeps the response’s other cookies', async () => {
    const browser = new BrowserCookies();
    const value = sessionValue();
    const { setCookies } = await handle(browser, (s) => s.setItem(KEY, value));
    expect(setCookies[0]).toBe('theme=dark; Path=/');
    expect(browser.names()).toEqual(['pb.session', 'pb.session~0', 'pb.session~1', 'theme']);
    expect((await handle(browser, (s) => s.getItem(KEY))).result).toBe(value);
  });

  it('writes each cookie once per response, with its last value, and shrinks to one cookie', async () => {
    const browser = new BrowserCookies();
    await handle(browser, (s) => s.setItem(KEY, sessionValue()));
    const { setCookies } = await handle(browser, async (s) => {
      await s.setItem(KEY, sessionValue());
      await s.setItem(KEY, 'short');
    });
    const names = setCookies.map((line) => line.slice(0, line.indexOf('=')));
    expect(names.sort()).toEqual(['pb.session', 'pb.session~0', 'pb.session~1', 'theme']);
    expect(browser.names()).toEqual(['pb.session', 'theme']);
    expect((await handle(browser, (s) => s.getItem(KEY))).result).toBe('short');
  });

  it('takes bare Headers objects for the request and the response', async () => {
    const out = new Headers();
    await createCookieStorage(cookieJarFromWeb(new Headers(), out)).setItem(KEY, 'v');
    const browser = new BrowserCookies();
    browser.apply(out.getSetCookie());
    const jar = cookieJarFromWeb(new Headers({ cookie: browser.header()! }), new Headers());
    expect(await createCookieStorage(jar).getItem(KEY)).toBe('v');
  });

  it('refuses a response whose headers are read-only with InvalidStateException', async () => {
    const storage = createCookieStorage(cookieJarFromWeb(new Request(URL_), Response.error()));
    await expect(storage.setItem(KEY, 'v')).rejects.toBeInstanceOf(InvalidStateException);
  });
});
