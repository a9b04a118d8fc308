// WebKeyValueStorage shared by pages of one origin in headless Chromium: the real Web Locks API and
// real `storage` events, with a bundle of the built @plugboard/core (`npm run build` first).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium } from './support/chromium';

const run = chromiumAvailable('shared-storage Chromium test') ? describe : describe.skip;

type Shared = {
  hasWebLocks(): boolean;
  heard(): string[];
  warnings(): string[];
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
  addFrame(url: string): Promise<void>;
  appendUnderLock(tag: string, rounds: number): Promise<void>;
  hold(name: string): Promise<void>;
  tryLock(name: string, timeoutMs: number): Promise<string>;
};

run('WebKeyValueStorage shared by tabs in Chromium', () => {
  let site: Server;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [join(__dirname, 'browser/sharedStoragePage.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      tsconfigRaw: '{}', // resolve @plugboard/core as an app's bundler would: the built package, "browser" fields included
      logLevel: 'silent',
    });
    const script = bundle.outputFiles[0]!.text;
    site = createServer((req, res) => {
      if (req.url === '/app.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><body><script type="module" src="/app.js"></script></body>');
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (site) await new Promise((resolve) => site.close(resolve));
  });

  beforeEach(async () => {
    context = await browser.newContext(); // one profile: the pages share localStorage and locks
  });
  afterEach(async () => {
    await context?.close();
  });

  async function open(path = '/'): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${origin}${path}`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    return page;
  }
  const call = <K extends keyof Shared>(page: Page, name: K, ...args: Parameters<Shared[K]>) =>
    page.evaluate(
      ([n, a]) =>
        (window as unknown as { shared: Record<string, (...x: unknown[]) => unknown> }).shared[n]!(...a),
      [name, args] as const,
    ) as Promise<Awaited<ReturnType<Shared[K]>>>;

  it('serialises work under the lock across tabs', async () => {
    const [a, b] = [await open(), await open()];
    expect(await call(a, 'hasWebLocks')).toBe(true);
    const rounds = 15;
    await Promise.all([call(a, 'appendUnderLock', 'a', rounds), call(b, 'appendUnderLock', 'b', rounds)]);
    const log = JSON.parse((await a.evaluate(() => localStorage.getItem('log')))!) as string[];
    expect(log).toHaveLength(2 * rounds * 2);
    for (let i = 0; i < log.length; i += 2) {
      const [tag, step, round] = log[i]!.split(':');
      expect(step).toBe('begin');
      expect(log[i + 1]).toBe(`${tag}:end:${round}`);
    }
    expect(new Set(log.map((entry) => entry.split(':')[0]))).toEqual(new Set(['a', 'b']));
    expect([...(await call(a, 'warnings')), ...(await call(b, 'warnings'))]).toEqual([]);
    // Each tab heard the other's appends; the lock's own bookkeeping items are never reported.
    for (const page of [a, b]) expect(new Set(await call(page, 'heard'))).toEqual(new Set(['log']));
  }, 60_000);

  it('tells the other tab about a change, never the tab that made it', async () => {
    const [a, b] = [await open(), await open()];
    await call(a, 'set', 'session', 'from-a');
    await b.waitForFunction(() =>
      (window as unknown as { shared: Shared }).shared.heard().includes('session'),
    );
    await call(b, 'remove', 'session');
    await a.waitForFunction(() =>
      (window as unknown as { shared: Shared }).shared.heard().includes('session'),
    );
    await call(b, 'set', 'marker', 'b'); // heard by a after everything b did before it
    await a.waitForFunction(() =>
      (window as unknown as { shared: Shared }).shared.heard().includes('marker'),
    );
    expect(await call(a, 'heard')).toEqual(['session', 'marker']);
    expect(await call(b, 'heard')).toEqual(['session']);
  }, 30_000);

  it('with sessionStorage, tells same-tab frames only (another tab has its own sessionStorage)', async () => {
    const [a, b] = [await open('/?area=session'), await open('/?area=session')];
    await call(a, 'addFrame', '/?area=session');
    const frame = a.frame({ name: 'child' })!;
    await frame.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    const inFrame = (name: 'set' | 'heard', ...args: string[]) =>
      frame.evaluate(
        ([n, a]) =>
          (window as unknown as { shared: Record<string, (...x: unknown[]) => unknown> }).shared[n]!(...a),
        [name, args] as const,
      );
    await inFrame('set', 'session', 'from-frame');
    await a.waitForFunction(() =>
      (window as unknown as { shared: Shared }).shared.heard().includes('session'),
    );
    await call(b, 'set', 'other-tab', 'b'); // b's own sessionStorage: nobody else hears it
    await call(a, 'set', 'top', 'a'); // the frame hears the top page
    await frame.waitForFunction(() =>
      (window as unknown as { shared: Shared }).shared.heard().includes('top'),
    );
    expect(await call(a, 'heard')).toEqual(['session']);
    expect(await inFrame('heard')).toEqual(['top']);
    expect(await call(b, 'heard')).toEqual([]);
    expect(await b.evaluate(() => sessionStorage.getItem('session'))).toBeNull();
  }, 30_000);

  it('bounds the wait for a lock a hung tab holds, and frees it when that tab closes', async () => {
    const [holder, waiter] = [await open(), await open()];
    await call(holder, 'hold', 'refresh');
    expect(await call(waiter, 'tryLock', 'refresh', 300)).toMatch(
      /^StorageException: .*did not get the lock "refresh" within 300 ms/,
    );
    const waiting = call(waiter, 'tryLock', 'refresh', 15_000);
    await holder.close();
    expect(await waiting).toBe('granted');
  }, 30_000);
});
