// Issue 23, refresh-token rotation across contexts: a refresh rejected because another context
// rotated the refresh token (and stored the rotated session) is recovered from storage, not turned into
// SESSION_EXPIRED. A fake user-pool service plays both the pool and the other context.
import {
  Amplify,
  Hub,
  HubChannel,
  InMemoryKeyValueStorage,
  NotAuthorizedException,
  StorageException,
  type SharedKeyValueStorage,
} from '@plugboard/core';
import type { UserPoolTokenSet } from '../src';
import { type UserPoolService, pluginWithTransports } from '../src/internal';

const USER_POOL = 'us-east-1_Rotate';
const KEY = `plugboard.auth.${USER_POOL}.-.session`;
const START = 1_800_000_000_000;

const jwt = (claims: Record<string, unknown>) =>
  ['{"alg":"none"}', JSON.stringify(claims)].map((p) => Buffer.from(p).toString('base64url')).join('.') +
  '.sig';

/** One context's view of a shared storage: the lock serialises within this process only. */
function sharedMemoryStorage(): SharedKeyValueStorage & { inner: InMemoryKeyValueStorage } {
  const inner = new InMemoryKeyValueStorage();
  let chain: Promise<unknown> = Promise.resolve();
  return {
    inner,
    getItem: (key) => inner.getItem(key),
    setItem: (key, value) => inner.setItem(key, value),
    removeItem: (key) => inner.removeItem(key),
    withExclusiveLock<T>(_name: string, work: () => Promise<T>): Promise<T> {
      const run = chain.then(work);
      chain = run.catch(() => undefined);
      return run;
    },
    onChange: () => () => undefined,
  };
}

afterEach(async () => {
  await Amplify.reset();
});

it('a refresh token rejected after another context rotated it adopts the stored session, no SESSION_EXPIRED', async () => {
  let offset = 0;
  const now = () => START + offset;
  const tokens = (refreshToken: string): UserPoolTokenSet => {
    const exp = Math.floor(now() / 1000) + 3600;
    const claims = { sub: 'user-1', exp, 'cognito:username': 'alice' };
    return { accessToken: jwt(claims), idToken: jwt(claims), refreshToken, expiresAt: exp * 1000 };
  };
  const storage = sharedMemoryStorage();
  const usedRefreshTokens: string[] = [];
  const userPoolService: UserPoolService = {
    signIn: async () => ({ kind: 'tokens', tokens: tokens('refresh-token-one') }),
    confirmNewPassword: async () => ({ kind: 'tokens', tokens: tokens('refresh-token-one') }),
    refresh: async (refreshToken) => {
      usedRefreshTokens.push(refreshToken);
      // Meanwhile another context refreshed with rotation and stored its session (outside our lock).
      const stored = JSON.parse((await storage.getItem(KEY))!) as { tokens: UserPoolTokenSet };
      stored.tokens = tokens('refresh-token-two');
      await storage.setItem(KEY, JSON.stringify(stored));
      throw new NotAuthorizedException('Invalid Refresh Token', 'Sign in again.');
    },
    globalSignOut: async () => undefined,
    revokeToken: async () => undefined,
    deleteUser: async () => undefined,
  };
  const plugin = pluginWithTransports({ userPoolService, storage, clock: now });
  Amplify.addPlugin(plugin);
  Amplify.configure({
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CognitoUserPool: { Default: { PoolId: USER_POOL, AppClientId: 'client', Region: 'us-east-1' } },
        },
      },
    },
  });
  const events: string[] = [];
  const subscription = Hub.subscribe(HubChannel.AUTH, (e) => void events.push(e.name));
  try {
    await plugin.signIn('alice', 'Correct-Horse-1', { authFlowType: 'USER_PASSWORD_AUTH' });
    offset += 2 * 3600_000; // the tokens have expired
    const session = await plugin.fetchAuthSession();
    expect(usedRefreshTokens).toEqual(['refresh-token-one']);
    expect(session.isSignedIn).toBe(true);
    expect(events).not.toContain('SESSION_EXPIRED');
    expect(events).not.toContain('SIGNED_OUT');
    expect(await storage.getItem(KEY)).toMatch(/refresh-token-two/);
    // The adopted session is fresh: the next fetch asks nothing.
    await plugin.fetchAuthSession();
    expect(usedRefreshTokens).toHaveLength(1);
  } finally {
    subscription.unsubscribe();
  }
});

it('a refresh lock never granted (a hung holder elsewhere) bounds the wait and refreshes without it', async () => {
  let offset = 0;
  const now = () => START + offset;
  const tokens = (refreshToken: string): UserPoolTokenSet => {
    const exp = Math.floor(now() / 1000) + 3600;
    const claims = { sub: 'user-1', exp, 'cognito:username': 'alice' };
    return { accessToken: jwt(claims), idToken: jwt(claims), refreshToken, expiresAt: exp * 1000 };
  };
  const storage = sharedMemoryStorage();
  const locked: string[] = [];
  const hung: SharedKeyValueStorage = {
    ...storage,
    withExclusiveLock<T>(name: string, work: () => Promise<T>): Promise<T> {
      locked.push(name);
      if (name.endsWith('.refresh'))
        return Promise.reject(new StorageException('did not get the lock', 'Try again.'));
      return storage.withExclusiveLock(name, work);
    },
  };
  let refreshes = 0;
  const userPoolService: UserPoolService = {
    signIn: async () => ({ kind: 'tokens', tokens: tokens('refresh-token-one') }),
    confirmNewPassword: async () => ({ kind: 'tokens', tokens: tokens('refresh-token-one') }),
    refresh: async () => {
      refreshes += 1;
      return tokens('refresh-token-one');
    },
    globalSignOut: async () => undefined,
    revokeToken: async () => undefined,
    deleteUser: async () => undefined,
  };
  const plugin = pluginWithTransports({ userPoolService, storage: hung, clock: now });
  Amplify.addPlugin(plugin);
  Amplify.configure({
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CognitoUserPool: { Default: { PoolId: USER_POOL, AppClientId: 'client', Region: 'us-east-1' } },
        },
      },
    },
  });
  await plugin.signIn('alice', 'Correct-Horse-1', { authFlowType: 'USER_PASSWORD_AUTH' });
  offset += 2 * 3600_000;
  const session = await plugin.fetchAuthSession();
  expect(locked).toContain(`${KEY}.refresh`);
  expect(refreshes).toBe(1);
  expect(session.isSignedIn).toBe(true);
  expect(session.userPoolTokensResult.type).toBe('SUCCESS');
});
