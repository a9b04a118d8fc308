import { existsSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  startCognitoIdentityEmulator,
  type CognitoIdentityEmulator,
} from '@plugboard/cognito-identity-emulator';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { chromiumAvailable, launchChromium } from '../../../examples/browser-game/test/chromium';
import { startSigV4Server } from './support/sigv4Server';

// The bridge in Chromium: the page (fixtures/browserPage.mjs, bundled from the BUILT packages) federates,
// reads aws-amplify's session, makes an IAM-signed REST call and signs out. One loopback origin serves
// the page and forwards /cognito to the emulator and /api to the SigV4 verifier, so no CORS is involved.
const built = existsSync(join(__dirname, '..', 'dist', 'esm', 'index.js'));
const run = built && chromiumAvailable('aws-amplify bridge in Chromium') ? describe : describe.skip;

function forward(
  target: string,
  prefix: string,
  req: import('node:http').IncomingMessage,
  res: import('node:http').ServerResponse,
): void {
  const url = new URL(target);
  const upstream = request(
    {
      host: url.hostname,
      port: url.port,
      method: req.method,
      path: prefix === '/cognito' ? (req.url ?? '/').slice(prefix.length) || '/' : req.url,
      headers: req.headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  req.pipe(upstream);
}

run('the bridge in Chromium', () => {
  let emulator: CognitoIdentityEmulator;
  let api: Awaited<ReturnType<typeof startSigV4Server>>;
  let server: Server;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    emulator = await startCognitoIdentityEmulator({ port: 0 });
    api = await startSigV4Server();
    const { outputFiles } = await build({
      entryPoints: [join(__dirname, 'fixtures', 'browserPage.mjs')],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
      tsconfigRaw: '{}',
      external: ['node:*'],
      define: { global: 'globalThis' },
    });
    const script = outputFiles[0]?.text ?? '';
    server = createServer((req, res) => {
      if (req.url?.startsWith('/cognito')) return forward(emulator.endpoint, '/cognito', req, res);
      if (req.url?.startsWith('/api/')) return forward(api.endpoint, '/api', req, res);
      const page = req.url === '/page.js';
      res.writeHead(200, { 'content-type': page ? 'text/javascript' : 'text/html' });
      res.end(page ? script : '<!doctype html><script src="/page.js"></script>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await api?.stop();
    await emulator?.stop();
  });

  it('federates, gives aws-amplify the session, signs a REST call with the federated key and signs out', async () => {
    const poolId = await emulator.createIdentityPool({
      supportedLoginProviders: { 'graph.facebook.com': 'facebook-app-id' },
    });
    const token = await emulator.issueProviderToken({ providerName: 'graph.facebook.com', subject: 'erin' });
    const page = await browser.newPage();
    const printed: string[] = [];
    page.on('console', (message) => void printed.push(`${message.type()} ${message.text()}`));
    await page.goto(origin);
    await page.waitForFunction(
      () => typeof (window as unknown as { __finish?: unknown }).__finish === 'function',
    );
    type PageApi = { __federate(i: unknown): Promise<Record<string, string>>; __finish(): Promise<unknown> };

    const credentials = await page.evaluate((input) => (window as unknown as PageApi).__federate(input), {
      poolId,
      token,
      origin,
    });
    expect(credentials.error).toBeUndefined();
    api.expect(
      credentials as unknown as { accessKeyId: string; secretAccessKey: string; sessionToken: string },
    );
    const result = await page.evaluate(() => (window as unknown as PageApi).__finish());

    expect(result).toEqual({
      sameIdentity: true,
      sameKey: true,
      statusCode: 200,
      verdict: { verified: true, accessKeyId: credentials.accessKeyId },
      clearedBySignOut: true,
      events: ['federatedToIdentityPool', 'federationToIdentityPoolCleared', 'signedOut'],
    });
    // Forwarded as aws-amplify dispatches: its Hub prints no warning about the protected auth channel.
    expect(printed.filter((line) => /protected/.test(line))).toEqual([]);
  }, 60_000);
});
