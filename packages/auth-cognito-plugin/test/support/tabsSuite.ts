// The backends and browser of the several-tabs Chromium tests (issue 23), set up once per test file:
// the identity emulator on a clock the tests move, cognito-local behind the SRP front, the tabs site
// (support/tabs.ts) and one headless Chromium; a fresh browser profile per test. Call inside describe.
import type { AmplifyConfiguration } from '@plugboard/core';
import {
  startCognitoIdentityEmulator,
  type CognitoIdentityEmulator,
} from '@plugboard/cognito-identity-emulator';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { testClock, type TestClock } from './harness';
import { recordWritten, rememberSecrets } from './secrets';
import { startSrpUserPool, type SrpUserPool } from './srpUserPool';
import { callIn, openTab, startTabsSite, tab, type Fetched, type TabsSite } from './tabs';

export const FACEBOOK = 'graph.facebook.com';
const PASSWORD = 'Tabs-Passw0rd-1';

export interface TabsSuite {
  readonly clock: TestClock;
  readonly emulator: CognitoIdentityEmulator;
  readonly users: SrpUserPool;
  /**
   * Opens a tab (`config=identity` or `config=userPool`, plus the page's options) in this test's
   * profile; identity tabs get the emulator's clock offset, user-pool tabs the real time.
   */
  open(query: string): Promise<Page>;
  /** GetCredentialsForIdentity calls the emulator received since request number `since`. */
  credentialsCalls(since: number): number;
  /** Remembers the tokens of fetch answers as secrets for the suite-wide scan. */
  remember(...fetched: Fetched[]): Fetched[];
  /** Federates in a first tab and opens `count - 1` more (restored from localStorage, no request). */
  federatedTabs(count: number, query?: string): Promise<{ tabs: Page[]; identityId: string; key: string }>;
  /** Signs a new user in in a first tab and opens `count - 1` more (restored from localStorage). */
  signedInTabs(count: number, query?: string): Promise<{ tabs: Page[]; tokens: Fetched }>;
}

export function tabsSuite(): TabsSuite {
  let clock: TestClock;
  let emulator: CognitoIdentityEmulator;
  let users: SrpUserPool;
  let userPoolId: string;
  let site: TabsSite;
  let browser: Browser;
  let context: BrowserContext;
  let pages: Page[] = [];
  let count = 0;

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
    const plugin = (settings: object): AmplifyConfiguration => ({
      auth: { plugins: { awsCognitoAuthPlugin: settings } },
    });
    const identity = {
      CognitoIdentity: {
        Default: { PoolId: identityPoolId, Region: 'us-east-1', Endpoint: emulator.endpoint },
      },
    };
    const userPool = {
      Default: {
        PoolId: pool.poolId,
        AppClientId: pool.clientId,
        Region: 'us-east-1',
        Endpoint: users.endpoint,
      },
    };
    site = await startTabsSite({
      identity: plugin({ CredentialsProvider: identity }),
      userPool: plugin({ CognitoUserPool: userPool }),
    });
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

  const suite: TabsSuite = {
    get clock() {
      return clock;
    },
    get emulator() {
      return emulator;
    },
    get users() {
      return users;
    },
    async open(query) {
      const page = await openTab(context, site, query);
      await tab(page, 'setOffset', query.includes('config=identity') ? clock.now() - Date.now() : 0);
      pages.push(page);
      return page;
    },
    credentialsCalls: (since) =>
      emulator
        .requests()
        .slice(since)
        .filter((r) => r.operation === 'GetCredentialsForIdentity').length,
    remember(...fetched) {
      for (const f of fetched) rememberSecrets(f.idToken, f.accessToken, f.refreshToken);
      return fetched;
    },
    async federatedTabs(tabCount, query = 'config=identity') {
      const first = await suite.open(query);
      const token = await emulator.issueProviderToken({
        providerName: FACEBOOK,
        subject: `tabs-${++count}`,
        expiresInSeconds: 86_400,
      });
      rememberSecrets(token);
      const federated = await tab(first, 'federate', token);
      if (!federated.ok) throw new Error(`federate: ${federated.name}: ${federated.message}`);
      const { identityId } = federated.value as { identityId: string };
      const tabs = [first];
      for (let i = 1; i < tabCount; i++) tabs.push(await suite.open(query));
      const before = await Promise.all(tabs.map((t) => tab(t, 'fetchAt', 0)));
      expect(new Set(before.map((f) => f.accessKeyId)).size).toBe(1); // restored, not fetched again
      return { tabs, identityId, key: before[0]!.accessKeyId! };
    },
    async signedInTabs(tabCount, query = 'config=userPool&margin=0') {
      const username = `tabs-${++count}@example.com`;
      await users.createUser(userPoolId, username, PASSWORD);
      rememberSecrets(PASSWORD);
      const first = await suite.open(query);
      expect(await callIn(first, 'signIn', username, PASSWORD)).toMatchObject({ isSignedIn: true });
      const tabs = [first];
      for (let i = 1; i < tabCount; i++) tabs.push(await suite.open(query));
      const before = suite.remember(...(await Promise.all(tabs.map((t) => tab(t, 'fetchAt', 0)))));
      expect(new Set(before.map((f) => f.idToken)).size).toBe(1);
      return { tabs, tokens: before[0]! };
    },
  };
  return suite;
}
