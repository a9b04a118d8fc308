// Issue 23, every context told: a change another context (tab, process) makes to the shared stored
// session reaches this context through the storage's onChange. A fake shared storage plays the other
// context (it writes and notifies); a fake user-pool service plays the pool.
import {
  Amplify,
  Hub,
  HubChannel,
  InMemoryKeyValueStorage,
  Logging,
  type AuthHubEvent,
  type LogEntry,
  type SharedKeyValueStorage,
} from '@plugboard/core';
import type { UserPoolTokenSet } from '../src';
import { createAuthContext } from '../src';
import { type UserPoolService, pluginWithTransports } from '../src/internal';
import { recordWritten, rememberSecrets } from './support/secrets';

const USER_POOL = 'us-east-1_Follow';
const KEY = `plugboard.auth.${USER_POOL}.-.session`;
const START = 1_800_000_000_000;
const CONFIG = {
  auth: {
    plugins: {
      awsCognitoAuthPlugin: {
        CognitoUserPool: { Default: { PoolId: USER_POOL, AppClientId: 'client', Region: 'us-east-1' } },
      },
    },
  },
};

const jwt = (claims: Record<string, unknown>) =>
  ['{"alg":"none"}', JSON.stringify(claims)].map((p) => Buffer.from(p).toString('base64url')).join('.') +
  '.sig';

function tokens(username: string, refreshToken: string): UserPoolTokenSet {
  const exp = Math.floor(START / 1000) + 3600;
  const claims = { sub: `sub-${username}`, exp, 'cognito:username': username, jti: refreshToken };
  rememberSecrets(refreshToken);
  return { accessToken: jwt(claims), idToken: jwt(claims), refreshToken, expiresAt: exp * 1000 };
}

/** What another context would store for `username`. */
function storedSession(username: string, refreshToken: string): string {
  return JSON.stringify({
    v: 1,
    kind: 'signedIn',
    username,
    userId: `sub-${username}`,
    tokens: tokens(username, refreshToken),
  });
}

/** A shared storage as this context sees it; `elsewhere` writes as another context would (and notifies). */
function sharedStorage() {
  const inner = new InMemoryKeyValueStorage();
  const listeners = new Set<(key: string) => void>();
  const storage: SharedKeyValueStorage = {
    getItem: (key) => inner.getItem(key),
    setItem: (key, value) => inner.setItem(key, value),
    removeItem: (key) => inner.removeItem(key),
    withExclusiveLock: (_name, work) => work(),
    onChange(listener) {
      const own = (key: string) => listener(key); // one entry per subscription
      listeners.add(own);
      return () => listeners.delete(own);
    },
  };
  const notify = (key: string) => [...listeners].forEach((listener) => listener(key));
  const elsewhere = {
    /** A write whose notification never arrives (late, or lost). */
    silently: (value: string) => inner.setItem(KEY, value),
    silentlyRemove: () => inner.removeItem(KEY),
    async set(value: string, key = KEY) {
      await inner.setItem(key, value);
      notify(key);
    },
    async remove() {
      await inner.removeItem(KEY);
      notify(KEY);
    },
    notify,
  };
  return { storage, elsewhere, listeners };
}

const refreshes: string[] = [];
const userPoolService: UserPoolService = {
  signIn: async (username) => ({ kind: 'tokens', tokens: tokens(username, `refresh-${username}-1`) }),
  confirmNewPassword: async () => ({ kind: 'tokens', tokens: tokens('alice', 'refresh-alice-1') }),
  refresh: async (refreshToken) => {
    refreshes.push(refreshToken);
    return tokens('alice', 'refresh-alice-9');
  },
  globalSignOut: async () => undefined,
  revokeToken: async () => undefined,
  deleteUser: async () => undefined,
};

let events: AuthHubEvent[] = [];
let logs: LogEntry[] = [];
const subscription = Hub.subscribe(HubChannel.AUTH, (event) => void events.push(event));
beforeAll(() =>
  Logging.setSink((entry) => {
    logs.push(entry);
    recordWritten(entry);
  }),
);
afterAll(() => {
  subscription.unsubscribe();
  Logging.setSink((entry) => recordWritten(entry));
});
beforeEach(() => {
  events = [];
  logs = [];
  refreshes.length = 0;
});
afterEach(() => Amplify.reset());

async function signedInAlice() {
  const shared = sharedStorage();
  const plugin = pluginWithTransports({ userPoolService, storage: shared.storage, clock: () => START });
  Amplify.addPlugin(plugin);
  Amplify.configure(CONFIG);
  await plugin.signIn('alice', 'Correct-Horse-1', { authFlowType: 'USER_PASSWORD_AUTH' });
  events = [];
  return { plugin, ...shared };
}

it('a sign-out in another context: SIGNED_OUT with source another-context, signed out here, nothing written', async () => {
  const { plugin, elsewhere, storage } = await signedInAlice();
  await elsewhere.remove();
  const session = await plugin.fetchAuthSession();
  expect(events).toEqual([{ name: 'SIGNED_OUT', data: { source: 'another-context' } }]);
  expect(session.isSignedIn).toBe(false);
  expect(await storage.getItem(KEY)).toBeNull();
  // Heard again (a late or repeated notification): the same state, no second event.
  elsewhere.notify(KEY);
  await plugin.fetchAuthSession();
  expect(events).toHaveLength(1);
});

it('another user signed in elsewhere: SIGNED_OUT then SIGNED_IN (that user), no request here', async () => {
  const { plugin, elsewhere } = await signedInAlice();
  await elsewhere.set(storedSession('bob', 'refresh-bob-1'));
  const session = await plugin.fetchAuthSession();
  expect(events).toEqual([
    { name: 'SIGNED_OUT', data: { source: 'another-context' } },
    { name: 'SIGNED_IN', data: { username: 'bob', userId: 'sub-bob', source: 'another-context' } },
  ]);
  expect(session.isSignedIn).toBe(true);
  expect((await plugin.getCurrentUser()).username).toBe('bob');
  expect(refreshes).toEqual([]);
});

it('the same user refreshed elsewhere: taken over silently (the new refresh token), no event', async () => {
  const { plugin, elsewhere, storage } = await signedInAlice();
  await elsewhere.set(storedSession('alice', 'refresh-alice-2'));
  await plugin.fetchAuthSession();
  expect(events).toEqual([]);
  // A forced refresh now uses the refresh token the other context stored.
  await plugin.fetchAuthSession({ forceRefresh: true });
  expect(refreshes).toEqual(['refresh-alice-2']);
  expect(await storage.getItem(KEY)).toMatch(/refresh-alice-9/);
});

it('a corrupt stored value is ignored with a warning that holds no part of it; the session is kept', async () => {
  const { plugin, elsewhere, storage } = await signedInAlice();
  const corrupt = '{"v":1,"kind":"signedIn","tokens":"refresh-SECRET-value-1234"';
  rememberSecrets('refresh-SECRET-value-1234');
  await elsewhere.set(corrupt);
  await elsewhere.set(JSON.stringify({ v: 1, kind: 'signedIn', username: 'x' })); // valid JSON, not a session
  const session = await plugin.fetchAuthSession();
  expect(events).toEqual([]);
  expect(session.isSignedIn).toBe(true);
  const warnings = logs.filter((entry) => entry.level === 'WARN').map((entry) => entry.message);
  expect(warnings.filter((m) => /unreadable auth session/.test(m)).length).toBeGreaterThanOrEqual(1);
  expect(JSON.stringify(logs)).not.toMatch(/SECRET/);
  // A write of this context replaces the corrupt value (it is not a removal).
  await plugin.signOut();
  expect(await storage.getItem(KEY)).toBeNull();
  expect(events.map((e) => e.name)).toEqual(['SIGNED_OUT']);
  expect(events[0]!.data).toBeUndefined(); // a local event keeps its data
});

it('keys other than the session are not followed; a local sign-out heard back is not published twice', async () => {
  const { plugin, elsewhere } = await signedInAlice();
  await elsewhere.set('x', 'some.other.key');
  await plugin.fetchAuthSession();
  expect(events).toEqual([]);
  await plugin.signOut();
  elsewhere.notify(KEY);
  await plugin.fetchAuthSession();
  expect(events).toEqual([{ name: 'SIGNED_OUT' }]);
});

it('subscribes before the restore reads, and stops on reset: a finished plugin leaves no listener', async () => {
  const { storage, elsewhere, listeners } = sharedStorage();
  await elsewhere.set(storedSession('alice', 'refresh-alice-1'));
  const plugin = pluginWithTransports({ userPoolService, storage, clock: () => START });
  Amplify.addPlugin(plugin);
  Amplify.configure(CONFIG);
  const session = await plugin.fetchAuthSession();
  expect(session.isSignedIn).toBe(true);
  expect(listeners.size).toBe(1);
  expect(events).toEqual([]); // the restore publishes nothing
  await Amplify.reset();
  expect(listeners.size).toBe(0);
});

it('a reconfiguration moves the one listener to the new configuration: each change is published once', async () => {
  const { plugin, elsewhere, listeners } = await signedInAlice();
  Amplify.configure(CONFIG);
  await plugin.fetchAuthSession();
  expect(listeners.size).toBe(1);
  await elsewhere.remove();
  const session = await plugin.fetchAuthSession();
  expect(session.isSignedIn).toBe(false);
  expect(events).toEqual([{ name: 'SIGNED_OUT', data: { source: 'another-context' } }]);
});

it('an auth context follows the shared storage until it is disposed', async () => {
  const { storage, elsewhere, listeners } = sharedStorage();
  await elsewhere.set(storedSession('alice', 'refresh-alice-1'));
  Amplify.addPlugin(pluginWithTransports({ userPoolService, storage, clock: () => START }));
  Amplify.configure(CONFIG);
  const context = createAuthContext({ storage });
  const heard: AuthHubEvent[] = [];
  context.hub.subscribe(HubChannel.AUTH, (event) => void heard.push(event));
  expect((await context.plugin.fetchAuthSession()).isSignedIn).toBe(true);
  expect(listeners.size).toBe(2); // the global plugin and the context
  await elsewhere.remove();
  expect((await context.plugin.fetchAuthSession()).isSignedIn).toBe(false);
  expect(heard).toEqual([{ name: 'SIGNED_OUT', data: { source: 'another-context' } }]);
  await context.dispose();
  expect(listeners.size).toBe(1);
});

it('a different user found under the refresh lock (the notification was missed) is published as the other context change', async () => {
  const { storage, elsewhere } = sharedStorage();
  let now = START;
  const plugin = pluginWithTransports({ userPoolService, storage, clock: () => now });
  Amplify.addPlugin(plugin);
  Amplify.configure(CONFIG);
  await plugin.signIn('alice', 'Correct-Horse-1', { authFlowType: 'USER_PASSWORD_AUTH' });
  events = [];
  // Another context signed bob in with tokens issued later; this context heard nothing of it.
  now += 3600_000; // alice's tokens have expired
  const bob = JSON.parse(storedSession('bob', 'refresh-bob-1')) as { tokens: UserPoolTokenSet };
  const exp = Math.floor(now / 1000) + 3600;
  const claims = { sub: 'sub-bob', exp, 'cognito:username': 'bob' };
  bob.tokens = { ...bob.tokens, accessToken: jwt(claims), idToken: jwt(claims), expiresAt: exp * 1000 };
  await elsewhere.silently(JSON.stringify(bob));
  const session = await plugin.fetchAuthSession();
  expect(refreshes).toEqual([]); // bob's tokens are fresh: nothing to refresh
  expect(session.isSignedIn).toBe(true);
  expect((await plugin.getCurrentUser()).username).toBe('bob');
  expect(events).toEqual([
    { name: 'SIGNED_OUT', data: { source: 'another-context' } },
    { name: 'SIGNED_IN', data: { username: 'bob', userId: 'sub-bob', source: 'another-context' } },
  ]);
});

it('a removal found under the refresh lock (the notification was missed) signs out: the refresh never writes the session back', async () => {
  const { storage, elsewhere } = sharedStorage();
  let now = START;
  const plugin = pluginWithTransports({ userPoolService, storage, clock: () => now });
  Amplify.addPlugin(plugin);
  Amplify.configure(CONFIG);
  await plugin.signIn('alice', 'Correct-Horse-1', { authFlowType: 'USER_PASSWORD_AUTH' });
  events = [];
  await elsewhere.silentlyRemove();
  now += 3600_000; // alice's tokens have expired
  const session = await plugin.fetchAuthSession();
  expect(refreshes).toEqual([]);
  expect(session.isSignedIn).toBe(false);
  expect(await storage.getItem(KEY)).toBeNull();
  expect(events).toEqual([{ name: 'SIGNED_OUT', data: { source: 'another-context' } }]);
});
