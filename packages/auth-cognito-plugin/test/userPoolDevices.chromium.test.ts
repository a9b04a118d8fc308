import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { build } from 'esbuild';
import * as OTPAuth from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { rememberSecrets } from './support/secrets';
import { startSrpUserPool, type SrpUserPool } from './support/srpUserPool';

// Remembered devices in a real browser: a page on a loopback origin calls cognito-local behind the SRP
// front (device tracking on, user opt-in) across origins (the front answers CORS), and the plugin keeps
// the device record in its default browser storage, localStorage.
const run = chromiumAvailable('remembered-devices Chromium test') ? describe : describe.skip;
const PASSWORD = 'Browser-Device-Passw0rd-1';
const USERNAME = 'device-page@example.com';

type Outcome = { ok: true; value: unknown } | { ok: false; name: string; message: string };
type DeviceRecord = { deviceKey: string; groupKey: string; secret: string };

run('remembered devices in Chromium (device data in localStorage)', () => {
  let users: SrpUserPool;
  let poolId: string;
  let site: Server;
  let origin: string;
  let browser: Browser;
  let page: Page;
  const consoleLines: string[] = [];

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [join(__dirname, 'browser/devicesPage.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      // The built packages (npm test builds first), resolved as an app's bundler would.
      tsconfigRaw: '{}',
      logLevel: 'silent',
    });
    const script = bundle.outputFiles[0]!.text;
    users = await startSrpUserPool({
      front: {
        deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
      },
    });
    const pool = await users.createPool();
    poolId = pool.poolId;
    await users.local.admin.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    await users.createUser(poolId, USERNAME, PASSWORD);
    rememberSecrets(PASSWORD);
    const config = JSON.stringify({
      auth: {
        plugins: {
          awsCognitoAuthPlugin: {
            CognitoUserPool: {
              Default: {
                PoolId: poolId,
                AppClientId: pool.clientId,
                Region: 'us-east-1',
                Endpoint: users.endpoint,
              },
            },
          },
        },
      },
    });
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
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (message) => consoleLines.push(message.text()));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await users?.stop();
    if (site) await new Promise((resolve) => site.close(resolve));
  });

  const load = async (): Promise<void> => {
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  };
  const call = async (method: string, ...args: unknown[]): Promise<unknown> => {
    const outcome = await page.evaluate(
      ([m, a]) =>
        (window as unknown as { page: { call(m: string, ...a: unknown[]): Promise<Outcome> } }).page.call(
          m,
          ...a,
        ),
      [method, args] as const,
    );
    if (!outcome.ok) throw new Error(`${method}: ${outcome.name}: ${outcome.message}`);
    return outcome.value;
  };
  const storage = (): Promise<Record<string, string>> =>
    page.evaluate(() =>
      (window as unknown as { page: { storage(): Record<string, string> } }).page.storage(),
    );
  const device = async (username: string): Promise<DeviceRecord | undefined> => {
    const text = (await storage())[`plugboard.auth.${poolId}.device.${username}`];
    if (text === undefined) return undefined;
    const record = JSON.parse(text) as DeviceRecord;
    rememberSecrets(record.deviceKey, record.groupKey, record.secret);
    return record;
  };
  const printed = (): Promise<string[]> =>
    page.evaluate(() => (window as unknown as { page: { printed(): string[] } }).page.printed());
  const since = (mark: number): string[] => users.proxy.received.slice(mark);

  it('signs in with TOTP MFA, remembers the device, signs in again with device SRP and no MFA, forgets it', async () => {
    await load();
    // Set TOTP up (this first sign-in, without MFA, already confirms a device the user has not remembered).
    await expect(call('signIn', USERNAME, PASSWORD)).resolves.toMatchObject({ isSignedIn: true });
    const { sharedSecret } = (await call('setUpTOTP')) as { sharedSecret: string };
    rememberSecrets(sharedSecret);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(sharedSecret), digits: 6, period: 30 });
    await call('verifyTOTPSetup', totp.generate());
    await call('updateMFAPreference', undefined, 'PREFERRED');
    const { username } = (await call('getCurrentUser')) as { username: string };
    await call('signOut');

    // A reload: the plugin starts again from localStorage. Sign in with TOTP MFA; the device is not remembered yet.
    await load();
    let mark = users.proxy.received.length;
    await expect(call('signIn', USERNAME, PASSWORD)).resolves.toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    expect(since(mark)).toContain('RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER');
    await expect(call('confirmSignIn', totp.generate())).resolves.toMatchObject({ isSignedIn: true });
    const record = (await device(username))!;
    expect(record.secret).toMatch(/^[A-Za-z0-9+/]{54}==$/);
    expect(users.proxy.devices(poolId, username)).toEqual([
      expect.objectContaining({ key: record.deviceKey, remembered: false }),
    ]);

    await call('rememberDevice');
    expect(users.proxy.devices(poolId, username)).toEqual([
      expect.objectContaining({ key: record.deviceKey, remembered: true }),
    ]);
    await call('signOut');
    expect(await device(username)).toEqual(record); // signing out keeps the device in localStorage

    await load();
    mark = users.proxy.received.length;
    await expect(call('signIn', USERNAME, PASSWORD)).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(since(mark)).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:DEVICE_SRP_AUTH',
      'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
    ]);
    const devices = (await call('fetchDevices')) as { id: string; name?: string; attributes: object }[];
    expect(devices).toEqual([
      expect.objectContaining({
        id: record.deviceKey,
        name: expect.stringContaining('Chrome'), // the page's user agent
        attributes: expect.objectContaining({ 'dev:device_remembered_status': 'remembered' }),
      }),
    ]);
    // The refresh token is bound to the device: a forced refresh from the page sends its key.
    mark = users.proxy.received.length;
    await expect(call('fetchAuthSession', { forceRefresh: true })).resolves.toMatchObject({
      isSignedIn: true,
      userPoolTokensResult: { type: 'SUCCESS' },
    });
    expect(since(mark).length).toBeGreaterThan(0);

    // The device record is a secret: nothing the page can print (logs, console, Hub events, errors, the
    // plugin, its answers but the device list) shows its key, group key or secret.
    const shown = [...(await printed()), ...consoleLines].join('\n');
    expect(shown).toContain('SIGNED_IN'); // the scan reads real output
    for (const value of [record.deviceKey, record.groupKey, record.secret])
      expect(shown).not.toContain(value);

    await call('forgetDevice');
    expect(await device(username)).toBeUndefined();
    expect(users.proxy.devices(poolId, username)).toEqual([]);
    await call('signOut');
    mark = users.proxy.received.length;
    await expect(call('signIn', USERNAME, PASSWORD)).resolves.toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    expect(since(mark)).not.toContain('RespondToAuthChallenge:DEVICE_SRP_AUTH');
    await expect(call('confirmSignIn', totp.generate())).resolves.toMatchObject({ isSignedIn: true });
  }, 90_000);
});
