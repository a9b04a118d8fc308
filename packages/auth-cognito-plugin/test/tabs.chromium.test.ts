// Issue 23 in a real browser: several tabs of one origin (one headless Chromium profile) each run the
// plugin on the default browser storage (localStorage through WebKeyValueStorage: Web Locks + storage
// events), against the identity emulator and cognito-local behind the SRP front. Time moves through
// the clock seams: the emulator's `now` and each tab's plugin `clock` share one offset; user-pool tokens
// (issued on cognito-local's real clock) are made to expire by moving the tabs' clock past their `exp`.
import type { AmplifyConfiguration } from '@plugboard/core';
import {
  startCognitoIdentityEmulator,
  type CognitoIdentityEmulator,
} from '@plugboard/cognito-identity-emulator';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testClock, type TestClock } from './support/harness';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { recordWritten, rememberSecrets } from './support/secrets';
import { startSrpUserPool, type SrpUserPool } from './support/srpUserPool';
import {
  callIn,
  jwtExpiry,
  jwtIssuedAt,
  openTab,
  startTabsSite,
  tab,
  until,
  type Fetched,
  type TabsSite,
} from './support/tabs';

const run = chromiumAvailable('several-tabs Chromium test') ? describe : describe.skip;
const FACEBOOK = 'graph.facebook.com';
const PASSWORD = 'Tabs-Passw0rd-1';

run('one session across browser tabs (Chromium, shared localStorage)', () => {
  let clock: TestClock;
  let emulator: CognitoIdentityEmulator;
  let users: SrpUserPool;
  let userPoolId: string;
  let site: TabsSite;
  let browser: Browser;
  let context: BrowserContext;
  let pages: Page[] = [];
  let userCount = 0;

  beforeAll(async () => {
    clock = testClock();
    emulator = await startCognitoIdentityEmulator({ port: 0, now: clock.now });
    const identityPoolId = await emulator.createIdentityPool({
      allowUnauthenticatedIdentities: false,
      supportedLoginProviders: { [FACEBOOK]: 'facebook-app-id' },
    });
    users = await startSrpUserPool();
    const pool = await users.createPool();
    userPoolId = pool.poolId;
    const identity: AmplifyConfiguration = {
      auth: {
        plugins: {
          awsCognitoAuthPlugin: {
            CredentialsProvider: {
              CognitoIdentity: {
                Default: { PoolId: identityPoolId, Region: 'us-east-1', Endpoint: emulator.endpoint },
              },
            },
          },
        },
      },
    };
    const userPool: AmplifyConfiguration = {
      auth: {
        plugins: {
          awsCognitoAuthPlugin: {
            CognitoUserPool: {
              Default: {
                PoolId: pool.poolId,
                AppClientId: pool.clientId,
                Region: 'us-east-1',
                Endpoint: users.endpoint,
              },
            },
          },
        },
      },
    };
    site = await startTabsSite({ identity, userPool });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await users?.stop();
    await emulator?.stop();
  });

  beforeEach(async () => {
    context = await browser.newContext(); // one profile: the tabs share localStorage and Web Locks
    pages = [];
  });
  afterEach(async () => {
    // What the tabs logged and published joins the suite-wide secret scan (test/setup.ts).
    for (const page of pages.filter((p) => !p.isClosed()))
      recordWritten((await tab(page, 'printed')).join('\n'));
    emulator.clearFaults();
    await context?.close();
  });

  /** Opens a tab whose plugin clock has the emulator's current offset (user-pool tabs: the real time). */
  async function open(query: string): Promise<Page> {
    const page = await openTab(context, site, query);
    await tab(page, 'setOffset', query.includes('config=identity') ? clock.now() - Date.now() : 0);
    pages.push(page);
    return page;
  }
  const credentialsCalls = (since: number): number =>
    emulator
      .requests()
      .slice(since)
      .filter((r) => r.operation === 'GetCredentialsForIdentity').length;
  const remember = (...fetched: Fetched[]): Fetched[] => {
    for (const f of fetched) rememberSecrets(f.idToken, f.accessToken, f.refreshToken);
    return fetched;
  };

  /** Federates in a first tab, opens the others (restored from localStorage), moves 2 h past expiry. */
  async function federatedTabs(count: number, query = 'config=identity') {
    const first = await open(query);
    const token = await emulator.issueProviderToken({
      providerName: FACEBOOK,
      subject: `tabs-${count}`,
      expiresInSeconds: 86_400,
    });
    rememberSecrets(token);
    const federated = await tab(first, 'federate', token);
    if (!federated.ok) throw new Error(`federate: ${federated.name}: ${federated.message}`);
    const { identityId } = federated.value as { identityId: string };
    const tabs = [first];
    for (let i = 1; i < count; i++) tabs.push(await open(query));
    const before = await Promise.all(tabs.map((t) => tab(t, 'fetchAt', 0)));
    expect(new Set(before.map((f) => f.accessKeyId)).size).toBe(1); // restored, not fetched again
    clock.advance(2 * 3_600_000); // the credentials (1 h) have expired, for the emulator and every tab
    for (const t of tabs) await tab(t, 'setOffset', clock.now() - Date.now());
    return { tabs, identityId, oldKey: before[0]!.accessKeyId };
  }

  it('three tabs past expiry fetch at one moment: one GetCredentialsForIdentity, the same credentials', async () => {
    const { tabs, identityId, oldKey } = await federatedTabs(3);
    const since = emulator.requests().length;
    const startAt = Date.now() + 300;
    const got = await Promise.all(tabs.map((t) => tab(t, 'fetchAt', startAt)));
    expect(credentialsCalls(since)).toBe(1);
    expect(got.map((f) => f.identityId)).toEqual([identityId, identityId, identityId]);
    expect(got[0]!.accessKeyId).toMatch(/^ASIA/);
    expect(got[0]!.accessKeyId).not.toBe(oldKey);
    expect(new Set(got.map((f) => f.accessKeyId)).size).toBe(1);
    for (const t of tabs) expect(await tab(t, 'warnings')).toEqual([]);
  }, 30_000);

  it('the same three tabs on a storage without the lock each refresh (what the lock saves)', async () => {
    const { tabs } = await federatedTabs(3, 'config=identity&plain=1');
    const since = emulator.requests().length;
    const startAt = Date.now() + 300;
    const got = await Promise.all(tabs.map((t) => tab(t, 'fetchAt', startAt)));
    expect(credentialsCalls(since)).toBe(3);
    expect(new Set(got.map((f) => f.accessKeyId)).size).toBe(3);
  }, 30_000);

  /** Signs a new user in in a first tab and opens the others (restored from localStorage). */
  async function signedInTabs(count: number) {
    const username = `tabs-${++userCount}@example.com`;
    await users.createUser(userPoolId, username, PASSWORD);
    rememberSecrets(PASSWORD);
    const first = await open('config=userPool&margin=0');
    expect(await callIn(first, 'signIn', username, PASSWORD)).toMatchObject({ isSignedIn: true });
    const tabs = [first];
    for (let i = 1; i < count; i++) tabs.push(await open('config=userPool&margin=0'));
    const before = remember(...(await Promise.all(tabs.map((t) => tab(t, 'fetchAt', 0)))));
    expect(new Set(before.map((f) => f.idToken)).size).toBe(1);
    return { tabs, tokens: before[0]! };
  }

  /**
   * Moves every tab's clock to 1 ms past the tokens' expiry at one moment, and has all of them fetch
   * then. cognito-local stamps tokens on its real clock in whole seconds: refreshing 2 s or more after
   * they were issued makes the refreshed ones expire at least 2 s after the old ones, so a tab that
   * takes them over (within the next second) judges them fresh.
   */
  async function expireAndFetchTogether(tabs: Page[], tokens: Fetched) {
    const issued = jwtIssuedAt(tokens.idToken!, tokens.accessToken!);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, issued + 1_700 - Date.now())));
    const startAt = Date.now() + 300;
    const offset = jwtExpiry(tokens.idToken!, tokens.accessToken!) + 1 - startAt;
    for (const t of tabs) await tab(t, 'setOffset', offset);
    const mark = users.proxy.received.length;
    const got = remember(...(await Promise.all(tabs.map((t) => tab(t, 'fetchAt', startAt)))));
    return { got, sent: users.proxy.received.slice(mark) };
  }

  async function expectSignedInTogether(tabs: Page[], got: Fetched[], before: Fetched) {
    expect(got.map((f) => f.isSignedIn)).toEqual(tabs.map(() => true));
    expect(new Set(got.map((f) => f.idToken)).size).toBe(1);
    expect(got[0]!.idToken).not.toBe(before.idToken);
    for (const t of tabs) {
      expect((await tab(t, 'events')).map((e) => e.name)).not.toContain('SESSION_EXPIRED');
      expect(await callIn(t, 'getCurrentUser')).toMatchObject({ userId: expect.any(String) });
    }
  }

  it('user-pool tokens past expiry in three tabs: one token refresh, every tab stays signed in', async () => {
    const { tabs, tokens } = await signedInTabs(3);
    const { got, sent } = await expireAndFetchTogether(tabs, tokens);
    // One refresh: the front does not know GetTokensFromRefreshToken without rotation, so the plugin
    // falls back to REFRESH_TOKEN_AUTH within the same refresh.
    expect(sent).toEqual(['GetTokensFromRefreshToken', 'InitiateAuth:REFRESH_TOKEN_AUTH']);
    await expectSignedInTogether(tabs, got, tokens);
    expect(got[0]!.refreshToken).toBe(tokens.refreshToken);
  }, 30_000);

  it('with refresh-token rotation: one refresh per expiry, the rotated token shared, nobody signed out', async () => {
    users.proxy.enableRotation(true);
    try {
      const { tabs, tokens } = await signedInTabs(3);
      const first = await expireAndFetchTogether(tabs, tokens);
      expect(first.sent).toEqual(['GetTokensFromRefreshToken']);
      await expectSignedInTogether(tabs, first.got, tokens);
      const rotated = first.got[0]!.refreshToken!;
      expect(rotated).toMatch(/^rotated-/);
      expect(new Set(first.got.map((f) => f.refreshToken))).toEqual(new Set([rotated]));
      // The second expiry refreshes with the rotated token, which the front then retires: a tab still
      // holding an older one would be refused and signed out.
      const second = await expireAndFetchTogether(tabs, first.got[0]!);
      expect(second.sent).toEqual(['GetTokensFromRefreshToken']);
      await expectSignedInTogether(tabs, second.got, first.got[0]!);
      expect(second.got[0]!.refreshToken).toMatch(/^rotated-/);
      expect(second.got[0]!.refreshToken).not.toBe(rotated);
      expect(new Set(second.got.map((f) => f.refreshToken)).size).toBe(1);
    } finally {
      users.proxy.enableRotation(false);
    }
  }, 30_000);

  it('a tab closed while it holds the refresh lock: the waiting tab gets the lock at once and refreshes', async () => {
    const {
      tabs: [a, b],
      identityId,
    } = await federatedTabs(2);
    emulator.injectFault({ operation: 'GetCredentialsForIdentity', latencyMs: 60_000 }); // a's refresh hangs in flight
    const since = emulator.requests().length;
    await tab(a!, 'startFetch');
    await until(async () => credentialsCalls(since) === 1); // a holds the lock; its request reached the emulator
    const lock = (await tab(b!, 'locks')).held.find((name) => name.endsWith('.refresh'));
    expect(lock).toBeDefined();
    await tab(b!, 'startFetch');
    await until(async () => (await tab(b!, 'locks')).pending.includes(lock!)); // b waits for it
    const closedAt = Date.now();
    await a!.close();
    const got = await until(() => tab(b!, 'pending'), 15_000);
    expect(got.identityId).toBe(identityId);
    expect(got.accessKeyId).toMatch(/^ASIA/);
    expect(credentialsCalls(since)).toBe(2); // a's (never answered) and b's own
    expect(await tab(b!, 'warnings')).toEqual([]); // granted, not given up after the lock-wait bound
    expect(got.settledAt - closedAt).toBeLessThan(10_000); // far below that bound (requestTimeoutMs)
    // Nothing was lost: a new tab restores b's credentials without a request.
    const c = await open('config=identity');
    expect((await tab(c, 'fetchAt', 0)).accessKeyId).toBe(got.accessKeyId);
    expect(credentialsCalls(since)).toBe(2);
  }, 30_000);

  it('a hung tab holding the lock: the others wait requestTimeoutMs for it, then refresh without it', async () => {
    const {
      tabs: [a, b],
      identityId,
    } = await federatedTabs(2, 'config=identity&timeout=1500');
    const since = emulator.requests().length;
    await tab(a!, 'hold', `${(await tab(a!, 'sessionKey'))!}.refresh`); // a's refresh lock, never released
    const startedAt = Date.now();
    await tab(b!, 'startFetch');
    const got = await until(() => tab(b!, 'pending'), 15_000);
    expect(got.identityId).toBe(identityId);
    expect(got.accessKeyId).toMatch(/^ASIA/);
    expect(credentialsCalls(since)).toBe(1);
    expect(await tab(b!, 'warnings')).toEqual([
      expect.stringMatching(/held the session refresh lock for more than 1500 ms; refreshing without it/),
    ]);
    expect(got.settledAt - startedAt).toBeGreaterThanOrEqual(1_400); // waited out the bound, not less
  }, 30_000);

  it('without the Web Locks API each tab refreshes on its own (the documented fallback), with a warning', async () => {
    const { tabs } = await federatedTabs(3, 'config=identity&nolocks=1');
    const since = emulator.requests().length;
    const startAt = Date.now() + 300;
    const got = await Promise.all(tabs.map((t) => tab(t, 'fetchAt', startAt)));
    expect(got.every((f) => /^ASIA/.test(f.accessKeyId ?? ''))).toBe(true);
    expect(credentialsCalls(since)).toBe(3);
    for (const t of tabs) expect((await tab(t, 'warnings')).join('\n')).toMatch(/Web Locks/);
  }, 30_000);
});
