import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { startUserPoolEmulator, type UserPoolEmulator } from './support/cognitoLocal';
import { createHostedUiClient, startHostedUiFront, type HostedUiFront } from './support/hostedUiFront';
import { startSocialIdp, type SocialIdp } from './support/socialFront';

// The hosted UI in a real browser: the page redirects to the hosted UI, a person signs in on its form,
// the hosted UI redirects back with ?code=&state=, and the page's configure completes the sign-in.
const run = chromiumAvailable('hosted-UI Chromium test') ? describe : describe.skip;
const PASSWORD = 'Browser-Horse-5';

type Status = { isSignedIn: boolean; userId?: string; events: string[]; warnings: string[] };

run('hosted-UI sign-in in Chromium (page redirect)', () => {
  let users: UserPoolEmulator;
  let front: HostedUiFront;
  let social: SocialIdp;
  let site: Server;
  let origin: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [join(__dirname, 'browser/hostedUiPage.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      // The built packages (npm test builds first), resolved as an app's bundler would, "browser" fields included.
      tsconfigRaw: '{}', // not the root tsconfig, whose paths point at the sources
      logLevel: 'silent',
    });
    const script = bundle.outputFiles[0]!.text;
    let config = '{}';
    site = createServer((req, res) => {
      if (req.url?.startsWith('/app.js'))
        return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<!doctype html><body><script>window.plugboardConfig = ${config};</script><script type="module" src="/app.js"></script></body>`,
        );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

    users = await startUserPoolEmulator();
    front = await startHostedUiFront(users);
    social = await startSocialIdp(users, `${front.origin}/oauth2/idpresponse`);
    front.addRoutes(social.routes('Google', () => front.origin));
    const { poolId } = await users.createPool();
    const clientId = await createHostedUiClient(users, poolId, {
      callback: [`${origin}/`],
      logout: [`${origin}/signed-out`],
    });
    await users.createUser(poolId, 'page@example.com', PASSWORD);
    config = JSON.stringify({
      auth: {
        plugins: {
          awsCognitoAuthPlugin: {
            CognitoUserPool: {
              Default: {
                PoolId: poolId,
                AppClientId: clientId,
                Region: 'us-east-1',
                Endpoint: users.endpoint,
              },
            },
            Auth: {
              Default: {
                OAuth: {
                  WebDomain: front.webDomain,
                  SignInRedirectURI: `${origin}/`,
                  SignOutRedirectURI: `${origin}/signed-out`,
                  Scopes: ['openid', 'email', 'profile'],
                },
              },
            },
          },
        },
      },
    });
    browser = await launchChromium();
    page = await browser.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await social?.stop();
    await front?.stop();
    await users?.stop();
    if (site) await new Promise((resolve) => site.close(resolve));
  });

  const load = async (url: string): Promise<void> => {
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  };
  const status = (): Promise<Status> =>
    page.evaluate(() => (window as unknown as { page: { status(): Promise<Status> } }).page.status());
  const call = (name: 'signIn' | 'signInSocial' | 'signOut'): Promise<void> =>
    page.evaluate((n) => {
      void (window as unknown as { page: Record<string, () => Promise<unknown>> }).page[n]!();
    }, name);

  it('signs in through a redirect, completes on load, keeps the session across a reload, refuses a replay', async () => {
    await load(`${origin}/`);
    expect((await status()).isSignedIn).toBe(false);
    let redirect = '';
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().includes('code=')) redirect = frame.url();
    });

    await call('signIn');
    await page.waitForURL(/\/oauth2\/authorize/);
    await page.fill('input[name="username"]', 'page@example.com');
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL(`${origin}/?**`), page.click('button[type="submit"]')]);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    const signedIn = await status();
    expect(signedIn).toMatchObject({ isSignedIn: true, events: ['SIGNED_IN'] });
    expect(signedIn.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new URL(redirect).searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(page.url()).toBe(`${origin}/`); // code and state are gone from the address bar

    const tokenCalls = front.paths.filter((p) => p === '/oauth2/token').length;
    await load(`${origin}/`);
    expect((await status()).isSignedIn).toBe(true);
    expect(front.paths.filter((p) => p === '/oauth2/token').length).toBe(tokenCalls);

    await call('signOut');
    await page.waitForURL(`${origin}/signed-out`);
    expect(front.paths).toContain('/logout');
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    expect(await status()).toMatchObject({ isSignedIn: false, events: ['SIGNED_IN', 'SIGNED_OUT'] });

    await load(redirect); // the same ?code=&state= again
    const replayed = await status();
    expect(replayed.isSignedIn).toBe(false);
    expect(replayed.warnings.join('\n')).toMatch(/did not complete.*InvalidStateException/);
    expect(front.paths.filter((p) => p === '/oauth2/token').length).toBe(tokenCalls);
  }, 60_000);

  it('signs in with a social provider through the hosted UI and the upstream OpenID provider', async () => {
    await load(`${origin}/`);
    await call('signInSocial');
    await page.waitForURL((url) => url.toString().startsWith(social.issuer));
    await page.fill('input[name="login"]', 'sam');
    await page.fill('input[name="password"]', 'anything');
    await page.click('button[type="submit"]');
    await page.waitForURL(
      (url) => url.toString().startsWith(social.issuer) && url.pathname.includes('interaction'),
    );
    const consent = page.locator('button[type="submit"]');
    if ((await consent.count()) > 0) await consent.click();
    await page.waitForURL(`${origin}/`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    await expect(status()).resolves.toMatchObject({ isSignedIn: true });
  }, 60_000);
});
