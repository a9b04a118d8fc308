// Browser tabs for the several-tabs Chromium test (issue 23): the page bundle (test/browser/tabsPage.ts
// built from the packages' dist, as an app's bundler resolves them), a loopback site that serves it
// with one of several plugin configurations, and typed calls into a tab.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AmplifyConfiguration } from '@plugboard/core';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';

type Outcome = { ok: true; value: unknown } | { ok: false; name: string; message: string };

/** What a tab's fetchAuthSession gave (tokens and key ids only; never secret keys). */
export interface Fetched {
  isSignedIn: boolean;
  identityId?: string;
  accessKeyId?: string;
  credentialsError?: string;
  idToken?: string;
  accessToken?: string;
  refreshToken?: string;
  tokensError?: string;
  settledAt: number;
}

export interface TabEvent {
  name: string;
  data: unknown;
  at: number;
}

interface TabsApi {
  setOffset(ms: number): void;
  call(method: string, ...args: unknown[]): Promise<Outcome>;
  federate(token: string): Promise<Outcome>;
  fetchAt(startAt: number): Promise<Fetched>;
  startFetch(): void;
  pending(): Fetched | undefined;
  locks(): Promise<{ held: string[]; pending: string[] }>;
  hold(name: string): Promise<void>;
  sessionKey(): string | undefined;
  events(): TabEvent[];
  warnings(): string[];
  printed(): string[];
}

/** `?nolocks=1`: the page runs as in a browser without the Web Locks API. */
const NO_WEB_LOCKS = "Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined });";

/** A loopback site serving the tabs page; `/?config=<name>` picks one of `configs`. */
export interface TabsSite {
  readonly origin: string;
  close(): Promise<void>;
}

export async function startTabsSite(configs: Record<string, AmplifyConfiguration>): Promise<TabsSite> {
  const bundle = await build({
    entryPoints: [join(__dirname, '..', 'browser', 'tabsPage.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    tsconfigRaw: '{}', // the built packages, "browser" fields included (npm run build first)
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.text;
  const site: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://tabs.invalid');
    if (url.pathname === '/app.js')
      return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    const config = configs[url.searchParams.get('config') ?? ''];
    if (!config) return res.writeHead(404).end();
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(
        `<!doctype html><body><script>window.plugboardConfig = ${JSON.stringify(config)};${url.searchParams.get('nolocks') === '1' ? NO_WEB_LOCKS : ''}</script>` +
          '<script type="module" src="/app.js"></script></body>',
      );
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(site.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => site.close(() => resolve())),
  };
}

/** Opens a tab of `site` in `context` (one profile: the tabs share localStorage and Web Locks). */
export async function openTab(context: BrowserContext, site: TabsSite, query: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${site.origin}/?${query}`);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  return page;
}

/** Calls `name` of the tab's page API with JSON arguments. */
export function tab<K extends keyof TabsApi>(
  page: Page,
  name: K,
  ...args: Parameters<TabsApi[K]>
): Promise<Awaited<ReturnType<TabsApi[K]>>> {
  return page.evaluate(
    ([n, a]) => (window as unknown as { tabs: Record<string, (...x: unknown[]) => unknown> }).tabs[n]!(...a),
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<TabsApi[K]>>>;
}

/** A plugin method in the tab; rejects with the error's name and message when it failed. */
export async function callIn(page: Page, method: string, ...args: unknown[]): Promise<unknown> {
  const outcome = await tab(page, 'call', method, ...args);
  if (!outcome.ok) throw new Error(`${method}: ${outcome.name}: ${outcome.message}`);
  return outcome.value;
}

/** Polls `check` (every 25 ms) until it returns a value other than undefined/false, at most `timeoutMs`. */
export async function until<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Earliest `exp` of the JWTs, in epoch ms. */
export function jwtExpiry(...tokens: string[]): number {
  return (
    Math.min(
      ...tokens.map(
        (t) => (JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp,
      ),
    ) * 1000
  );
}

/** Earliest `iat` of the JWTs, in epoch ms. */
export function jwtIssuedAt(...tokens: string[]): number {
  return (
    Math.min(
      ...tokens.map(
        (t) => (JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()) as { iat: number }).iat,
      ),
    ) * 1000
  );
}
