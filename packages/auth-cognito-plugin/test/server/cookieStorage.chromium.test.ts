// The cookie storage as a real browser sees it: headless Chromium keeps the chunked, Secure, HttpOnly
// cookies a node:http server on loopback sets, and sends them back, so the value survives a new request.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { cookieJarFromNode, createCookieStorage } from '../../src';
import { chromiumAvailable, launchChromium } from '../support/chromium';
import { sessionValue } from './cookieSupport';

const KEY = 'session';
const describeIfChromium = chromiumAvailable('COOKIE STORAGE CHROMIUM TESTS') ? describe : describe.skip;

describeIfChromium(
  'createCookieStorage in Chromium (default attributes: Secure, HttpOnly, SameSite=Lax)',
  () => {
    let server: Server;
    let base: string;
    let browser: Browser;
    let page: Page;
    const values = { long: sessionValue() + sessionValue(), session: sessionValue(), short: '{"short":1}' };

    beforeAll(async () => {
      server = createServer((req, res) => {
        const storage = createCookieStorage(cookieJarFromNode(req, res));
        const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
        if (!['read', 'remove', ...Object.keys(values)].includes(name)) {
          res.statusCode = 404;
          res.end();
          return;
        }
        const work =
          name === 'read'
            ? storage.getItem(KEY)
            : name === 'remove'
              ? storage.removeItem(KEY).then(() => 'removed')
              : storage.setItem(KEY, values[name as keyof typeof values]).then(() => 'written');
        void work.then((text) => res.end(text ?? 'null'));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      browser = await launchChromium();
      page = await browser.newPage();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      if (server) await new Promise((resolve) => server.close(resolve));
    });

    const visit = async (path: string): Promise<string> => {
      const response = await page.goto(base + path);
      return (await response!.text()).trim();
    };
    const cookieNames = async (): Promise<string[]> =>
      (await page.context().cookies(base)).map((c) => c.name).sort();

    it('keeps a chunked session across requests, drops stale chunks, and removes every cookie', async () => {
      expect(await visit('long')).toBe('written');
      expect(await cookieNames()).toEqual([
        'pb.session',
        'pb.session~0',
        'pb.session~1',
        'pb.session~2',
        'pb.session~3',
      ]);
      expect(await visit('read')).toBe(values.long);
      await visit('session');
      expect(await cookieNames()).toEqual(['pb.session', 'pb.session~0', 'pb.session~1']);
      expect(await visit('read')).toBe(values.session);
      await visit('short');
      expect(await visit('read')).toBe(values.short);
      expect(await cookieNames()).toEqual(['pb.session']);
      const [cookie] = await page.context().cookies(base);
      expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
      // Page scripts cannot read them.
      expect(await page.evaluate(() => document.cookie)).toBe('');
      await visit('remove');
      expect(await cookieNames()).toEqual([]);
      expect(await visit('read')).toBe('null');
    }, 60_000);
  },
);
