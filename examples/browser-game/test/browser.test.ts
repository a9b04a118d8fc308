import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { startGameServer, type GameServer } from '../src/server/gameServer';
import { announceSkip, chromiumPath, inCi, INSTALL_HINT, launch } from './chromium';

const executable = chromiumPath();
if (!executable && !inCi()) announceSkip();
const describeInBrowser = executable || inCi() ? describe : describe.skip;

interface StoredSession {
  kind: string;
  identityId: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: number };
}

/** A port nothing listens on. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describeInBrowser('the browser game in headless Chromium', () => {
  let game: GameServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  /** Console errors and answers of 400 or more, which a browser shows in red. */
  const redLines: string[] = [];

  beforeAll(async () => {
    if (!executable)
      throw new Error(`CI=true and no Chromium to run the browser tests. Install it: ${INSTALL_HINT}`);
    game = await startGameServer();
    browser = await launch(executable);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await game?.stop();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  async function open(query = '', prepare?: (page: Page) => Promise<void>): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await prepare?.(page);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') redLines.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) redLines.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(game.url + query);
    return page;
  }

  const state = (page: Page, wanted: string) =>
    page.waitForSelector(`#status[data-state="${wanted}"]`, { timeout: 30_000 });

  /** The identity-pool credentials the plugin keeps in localStorage, wherever in its record they are. */
  async function sessionCredentials(page: Page): Promise<StoredSession['credentials']> {
    const values = await page.evaluate(() => Object.values({ ...localStorage }));
    const find = (value: unknown): StoredSession['credentials'] | undefined => {
      if (!value || typeof value !== 'object') return undefined;
      if ('accessKeyId' in value && 'secretAccessKey' in value) return value as StoredSession['credentials'];
      for (const inner of Object.values(value)) {
        const found = find(inner);
        if (found) return found;
      }
      return undefined;
    };
    for (const text of values) {
      try {
        const found = find(JSON.parse(text));
        if (found) return found;
      } catch {
        // not JSON
      }
    }
    throw new Error('no credentials in localStorage');
  }

  async function storedSession(page: Page): Promise<StoredSession | undefined> {
    // The key names the user pool (the game's page is configured with one) and the identity pool.
    const key = `plugboard.auth.${game.userPool.poolId}.${game.identityPoolId}.session`;
    const text = await page.evaluate((k) => localStorage.getItem(k), key);
    return text === null ? undefined : (JSON.parse(text) as StoredSession);
  }

  it('federates, shows Hub events, signs verified DynamoDB and S3 writes and survives a reload without Cognito', async () => {
    game.emulator.resetRequests();
    redLines.length = 0;
    const page = await open();
    await state(page, 'signed-out');
    // A first visit asks Cognito nothing: no guest GetId that the pool (no guest access) would refuse.
    expect(game.emulator.requests()).toEqual([]);

    await page.click('#federate');
    await state(page, 'federated');
    const [identity] = game.emulator.identities(game.identityPoolId);
    expect(identity?.logins).toEqual(['graph.facebook.com']);
    expect(await page.textContent('#identity')).toBe(identity!.identityId);
    expect(game.emulator.requests().map((r) => [r.operation, r.status])).toEqual([
      ['GetId', 200],
      ['GetCredentialsForIdentity', 200],
    ]);
    const event = await page.textContent('#events li[data-event="FEDERATED_TO_IDENTITY_POOL"]');
    expect(event).toContain(identity!.identityId);
    expect(event).toContain('graph.facebook.com');
    expect(event).not.toMatch(/eyJ/); // no JWT in Hub event data

    // The default web storage is localStorage: the session (credentials included) is there.
    const stored = await storedSession(page);
    expect(stored?.kind).toBe('federated');
    expect(stored?.identityId).toBe(identity!.identityId);
    // The front knows the session's key, as IAM knows the keys it issues; it checks every signature.
    game.front.trust(stored!.credentials);

    await page.fill('#score', '4200');
    await page.click('#save');
    await state(page, 'saved');
    expect(await page.textContent('#stored')).toBe('4200');
    expect(await page.textContent('#replaced')).toBe('first score saved');
    // The S3 profile write shows on the page, read back from S3.
    const profile = JSON.parse((await page.textContent('#profile'))!) as Record<string, unknown>;
    expect(profile).toMatchObject({ identityId: identity!.identityId, score: 4200 });
    const byKey = () => game.front.records().filter((r) => r.accessKeyId === stored!.credentials.accessKeyId);
    const summary = (records: ReturnType<typeof byKey>) =>
      records.map((r) => [r.service, r.operation, r.verified, r.status]);
    expect(summary(byKey())).toEqual([
      ['dynamodb', 'PutItem', true, 200],
      ['s3', 'PutObject', true, 200],
      ['dynamodb', 'GetItem', true, 200],
      ['s3', 'GetObject', true, 200],
    ]);

    const recordsBefore = byKey().length;
    game.emulator.resetRequests();
    await page.reload();
    await state(page, 'restored');
    expect(await page.textContent('#identity')).toBe(identity!.identityId);
    // After a reload the stored score and profile are shown, read with the restored credentials.
    expect(await page.textContent('#stored')).toBe('4200');
    expect(JSON.parse((await page.textContent('#profile'))!)).toMatchObject({ score: 4200 });
    expect(summary(byKey().slice(recordsBefore))).toEqual([
      ['dynamodb', 'GetItem', true, 200],
      ['s3', 'GetObject', true, 200],
    ]);
    await page.fill('#score', '4300');
    await page.click('#save');
    await state(page, 'saved');
    expect(await page.textContent('#stored')).toBe('4300');
    // Saving over a stored score says so.
    expect(await page.textContent('#replaced')).toBe('replaced the stored score 4200');
    expect(JSON.parse((await page.textContent('#profile'))!)).toMatchObject({ score: 4300 });
    // Restored from localStorage and used to sign: not one request reached Cognito.
    expect(game.emulator.requests()).toEqual([]);
    expect(game.emulator.identities(game.identityPoolId)).toHaveLength(1);

    await page.click('#clear');
    await state(page, 'signed-out');
    await page.waitForSelector('#events li[data-event="FEDERATION_TO_IDENTITY_POOL_CLEARED"]');
    expect(await storedSession(page)).toBeUndefined();
    expect(await page.textContent('#stored')).toBe('-');
    // Reloaded after clearing: signed out, and again nothing asked of Cognito.
    game.emulator.resetRequests();
    await page.reload();
    await state(page, 'signed-out');
    expect(game.emulator.requests()).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(redLines).toEqual([]);
  }, 120_000);

  it('signs the pool player in with a password, registers a passkey, signs in with it alone and saves a score', async () => {
    let cdp: CDPSession | undefined;
    let authenticatorId = '';
    redLines.length = 0;
    // Chromium's virtual authenticator (CDP WebAuthn): a platform authenticator with resident keys and
    // user verification, which answers the page's navigator.credentials calls by itself.
    const page = await open('', async (p) => {
      cdp = await p.context().newCDPSession(p);
      await cdp.send('WebAuthn.enable');
      ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: {
          protocol: 'ctap2',
          transport: 'internal',
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: true,
          automaticPresenceSimulation: true,
        },
      }));
    });
    await state(page, 'signed-out');
    const { front } = game.userPool;
    expect(new URL(page.url()).hostname).toBe('localhost'); // the relying party id: a host name
    expect(await page.inputValue('#username')).toBe(game.userPool.player.username);

    // No passkey yet: the passkey button says so, and nothing is signed in.
    await page.click('#passkey-sign-in');
    await state(page, 'error');
    expect(await page.getAttribute('#error', 'data-error-name')).toBe('NoPasskeyError');

    let mark = front.received.length;
    await page.click('#password-sign-in');
    await state(page, 'signed-in');
    expect(await page.textContent('#signed-in-by')).toBe('with a password');
    expect(front.received.slice(mark)).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
    ]);
    const identityId = (await page.textContent('#identity'))!;
    expect(identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);

    await page.click('#register-passkey');
    await state(page, 'passkey-registered');
    expect(await page.textContent('#passkeys')).toBe('1');
    const held = (await cdp!.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ rpId: 'localhost', isResidentCredential: true });

    await page.click('#sign-out');
    await state(page, 'signed-out');
    expect(await page.textContent('#identity')).toBe('-');

    mark = front.received.length;
    await page.click('#passkey-sign-in');
    await state(page, 'signed-in');
    expect(await page.textContent('#signed-in-by')).toBe('with a passkey');
    expect(front.received.slice(mark)).toEqual([
      'InitiateAuth:USER_AUTH',
      'RespondToAuthChallenge:WEB_AUTHN',
    ]);
    // The same player, so the same identity; its credentials save the score as for any player.
    expect(await page.textContent('#identity')).toBe(identityId);
    const credentials = await sessionCredentials(page);
    game.front.trust(credentials);
    await page.fill('#score', '777');
    await page.click('#save');
    await state(page, 'saved');
    expect(await page.textContent('#stored')).toBe('777');
    expect(
      game.front
        .records()
        .filter((r) => r.accessKeyId === credentials.accessKeyId)
        .map((r) => [r.service, r.operation, r.verified]),
    ).toEqual([
      ['dynamodb', 'PutItem', true],
      ['s3', 'PutObject', true],
      ['dynamodb', 'GetItem', true],
      ['s3', 'GetObject', true],
    ]);
    // The page shows no password or token, and the browser logged nothing red.
    const text = (await page.textContent('body'))!;
    expect(text).not.toContain(game.userPool.player.password);
    expect(text).not.toMatch(/eyJ/);
    expect(pageErrors).toEqual([]);
    expect(redLines).toEqual([]);
  }, 120_000);

  it('has DynamoDB refuse a request signed with a key it was not given (the check is real)', async () => {
    const page = await open();
    await state(page, 'signed-out');
    await page.click('#federate');
    await state(page, 'federated');
    await page.click('#save');
    await state(page, 'error');
    expect(await page.getAttribute('#error', 'data-error-name')).toBe('UnrecognizedClientException');
    const accessKeyId = (await storedSession(page))!.credentials.accessKeyId;
    expect(game.front.records().filter((r) => r.accessKeyId === accessKeyId)).toEqual([
      {
        service: 'dynamodb',
        operation: 'PutItem',
        accessKeyId,
        verified: false,
        reason: 'unknown access key id',
        status: 403,
      },
    ]);
  }, 120_000);

  it('reports an unreachable Cognito endpoint as NetworkException with a recovery suggestion', async () => {
    const page = await open(`?cognitoEndpoint=http://127.0.0.1:${await deadPort()}`);
    await state(page, 'signed-out');
    await page.click('#federate');
    await state(page, 'error');
    expect(await page.getAttribute('#error', 'data-error-name')).toBe('NetworkException');
    const text = await page.textContent('#error');
    expect(text).toContain('Failed to fetch');
    expect(text).toMatch(/CORS/);
    expect(await storedSession(page)).toBeUndefined();
  }, 120_000);
});
