// Issue 23, the browser side without a browser: two "tabs", each its own plugin and Hub over its own
// WebKeyValueStorage on ONE storage area; a write in one tab reaches the other as a `storage` event
// (the area dispatches it to the other tabs only, as browsers do). The real two-tab test runs in
// Chromium; this one pins the plugin's part (and the ordering edge cases) with fakes.
import {
  getLogger,
  WebKeyValueStorage,
  type AuthHubEvent,
  type HubCategory,
  type WebStorageLike,
} from '@plugboard/core';
import { createScopedHub } from '@plugboard/core/internals';
import type { UserPoolTokenSet } from '../src';
import { type UserPoolService, pluginWithTransports } from '../src/internal';
import { rememberSecrets } from './support/secrets';

const USER_POOL = 'us-east-1_WebTabs';
const SECTION = {
  CognitoUserPool: { Default: { PoolId: USER_POOL, AppClientId: 'client', Region: 'us-east-1' } },
};
const START = 1_800_000_000_000;

const jwt = (claims: Record<string, unknown>) =>
  ['{"alg":"none"}', JSON.stringify(claims)].map((p) => Buffer.from(p).toString('base64url')).join('.') +
  '.sig';
function tokens(username: string, refreshToken: string): UserPoolTokenSet {
  const exp = Math.floor(START / 1000) + 3600;
  const claims = { sub: `sub-${username}`, exp, 'cognito:username': username };
  rememberSecrets(refreshToken);
  return { accessToken: jwt(claims), idToken: jwt(claims), refreshToken, expiresAt: exp * 1000 };
}

/** One origin's localStorage: each tab its own area object over the same items; a write in one tab is a `storage` event in each other tab. */
function origin() {
  const items = new Map<string, string>();
  const tabs: { area: WebStorageLike; events: EventTarget }[] = [];
  const told = (from: WebStorageLike, key: string) => {
    for (const tab of tabs)
      if (tab.area !== from)
        tab.events.dispatchEvent(Object.assign(new Event('storage'), { key, storageArea: tab.area }));
  };
  return {
    items,
    tab(): WebKeyValueStorage {
      const area: WebStorageLike = {
        getItem: (key) => items.get(key) ?? null,
        setItem(key, value) {
          items.set(key, String(value));
          told(area, key);
        },
        removeItem(key) {
          items.delete(key);
          told(area, key);
        },
      };
      const events = new EventTarget();
      tabs.push({ area, events });
      return new WebKeyValueStorage(area, { events, locks: null, logger: getLogger('tab') });
    },
  };
}

const service = (log: string[]): UserPoolService => ({
  signIn: async (username) => ({ kind: 'tokens', tokens: tokens(username, `refresh-${username}-web`) }),
  confirmNewPassword: async () => ({ kind: 'tokens', tokens: tokens('alice', 'refresh-alice-web') }),
  refresh: async (refreshToken) => {
    log.push(refreshToken);
    return tokens('alice', 'refresh-alice-web2');
  },
  globalSignOut: async () => undefined,
  revokeToken: async () => undefined,
  deleteUser: async () => undefined,
});

function openTab(storage: WebKeyValueStorage, userPoolService: UserPoolService) {
  const plugin = pluginWithTransports({ storage, userPoolService, clock: () => START });
  const { hub, publisher } = createScopedHub('auth');
  plugin.configure(SECTION, { hub: publisher, logger: getLogger('tab') } as never);
  const heard: AuthHubEvent[] = [];
  (hub as HubCategory).subscribe('auth', (event) => void heard.push(event as AuthHubEvent));
  return { plugin, heard };
}

const KEY = `plugboard.auth.${USER_POOL}.-.session`;
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

it('a sign-in in one tab is SIGNED_IN (another-context) in the other; a sign-out there is SIGNED_OUT here', async () => {
  const refreshes: string[] = [];
  const site = origin();
  const a = openTab(site.tab(), service(refreshes));
  const b = openTab(site.tab(), service(refreshes));
  expect((await b.plugin.fetchAuthSession()).isSignedIn).toBe(false);
  await a.plugin.signIn('alice', 'Correct-Horse-1', { authFlowType: 'USER_PASSWORD_AUTH' });
  await settle();
  expect(b.heard).toEqual([
    { name: 'SIGNED_IN', data: { username: 'alice', userId: 'sub-alice', source: 'another-context' } },
  ]);
  expect((await b.plugin.fetchAuthSession()).isSignedIn).toBe(true);
  expect(refreshes).toEqual([]);
  await b.plugin.signOut();
  await settle();
  expect(a.heard.map((e) => [e.name, e.data])).toEqual([
    ['SIGNED_IN', { username: 'alice', userId: 'sub-alice' }],
    ['SIGNED_OUT', { source: 'another-context' }],
  ]);
  expect((await a.plugin.fetchAuthSession()).isSignedIn).toBe(false);
  expect(site.items.has(KEY)).toBe(false);
  await Promise.all([a.plugin.reset(), b.plugin.reset()]);
});

it('a change heard during the restore is applied after it; a reset with a re-read queued publishes nothing', async () => {
  const site = origin();
  const other = site.tab();
  await other.setItem(
    KEY,
    JSON.stringify({
      v: 1,
      kind: 'signedIn',
      username: 'alice',
      userId: 'sub-alice',
      tokens: tokens('alice', 'refresh-alice-web'),
    }),
  );
  // The tab configures, and before its restore has read, the other tab signs in someone else.
  const tab = openTab(site.tab(), service([]));
  await other.setItem(
    KEY,
    JSON.stringify({
      v: 1,
      kind: 'signedIn',
      username: 'bob',
      userId: 'sub-bob',
      tokens: tokens('bob', 'refresh-bob-web'),
    }),
  );
  expect((await tab.plugin.getCurrentUser()).username).toBe('bob');
  // Either the restore read bob already (no event) or it read alice and then followed (two events).
  const names = tab.heard.map((e) => e.name);
  expect([[], ['SIGNED_OUT', 'SIGNED_IN']]).toContainEqual(names);
  await other.removeItem(KEY); // heard: a re-read is queued...
  await tab.plugin.reset(); // ...and abandoned
  await settle();
  expect(tab.heard.map((e) => e.name)).toEqual(names);
});

it('a change another tab makes while a sign-in runs: the last stored session wins, and is what this tab published last', async () => {
  const site = origin();
  const other = site.tab();
  const tab = openTab(site.tab(), service([]));
  await tab.plugin.fetchAuthSession(); // restored: the sign-in is queued at once
  const signingIn = tab.plugin.signIn('alice', 'Correct-Horse-1', { authFlowType: 'USER_PASSWORD_AUTH' });
  await other.setItem(
    KEY,
    JSON.stringify({
      v: 1,
      kind: 'signedIn',
      username: 'bob',
      userId: 'sub-bob',
      tokens: tokens('bob', 'refresh-bob-web'),
    }),
  );
  await signingIn.catch((error: Error) => expect(error.name).toBe('InvalidStateException'));
  await settle();
  const stored = JSON.parse(site.items.get(KEY)!) as { username: string };
  expect((await tab.plugin.getCurrentUser()).username).toBe(stored.username);
  const signedIn = tab.heard.filter((e) => e.name === 'SIGNED_IN');
  expect(signedIn.at(-1)?.data).toMatchObject({ username: stored.username });
  await tab.plugin.reset();
});
