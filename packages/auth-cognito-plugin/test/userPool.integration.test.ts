import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InitiateAuthCommand, RevokeTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import {
  Amplify,
  FileKeyValueStorage,
  InMemoryKeyValueStorage,
  InvalidParameterException,
  InvalidStateException,
  NetworkException,
  NotAuthorizedException,
  SessionExpiredException,
  SignedOutException,
  type AmplifyConfiguration,
} from '@plugboard/core';
import { AuthProvider, type AWSCognitoAuthSession } from '../src';
import { type UserPoolService } from '../src/internal';
import { SdkUserPoolService } from '../src/clients/userPool/UserPoolService';
import { secretHash } from '../src/clients/userPool/secretHash';
import { startSrpUserPool, type SrpUserPool } from './support/srpUserPool';
import { remember, startHarness, type Harness, type HarnessUserPool } from './support/harness';
import { rememberSecrets, rememberSessionSecrets } from './support/secrets';

const PASSWORD = 'Correct-Horse-9';
let users: SrpUserPool; // cognito-local behind the SRP proxy: signIn's default flow is USER_SRP_AUTH
let pool: HarnessUserPool;
let userCount = 0;

beforeAll(async () => {
  users = await startSrpUserPool();
  const created = await users.createPool();
  pool = { ...created, endpoint: users.endpoint, port: users.port, issuerDomain: users.issuerDomain };
  rememberSecrets(PASSWORD, `Tmp-${PASSWORD}`);
}, 30_000);

afterAll(async () => {
  await users.stop();
});

/** A new confirmed user in the shared pool. */
async function newUser(): Promise<string> {
  const username = `user${++userCount}@example.com`;
  await users.createUser(pool.poolId, username, PASSWORD);
  return username;
}

/** Remembers every token and secret of a session for the suite-wide leak scan. */
function rememberSession(session: AWSCognitoAuthSession): AWSCognitoAuthSession {
  if (session.userPoolTokensResult.type === 'SUCCESS') {
    const t = session.userPoolTokensResult.value;
    rememberSecrets(t.accessToken, t.idToken, t.refreshToken);
  }
  rememberSessionSecrets(session);
  return session;
}

/** A user-pool service that counts the calls reaching the real one. */
function counting(inner: UserPoolService): UserPoolService & { counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  const count =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    (...args: A) => {
      counts[name] = (counts[name] ?? 0) + 1;
      return fn(...args);
    };
  return {
    counts,
    signIn: count('signIn', inner.signIn.bind(inner)),
    confirmNewPassword: count('confirmNewPassword', inner.confirmNewPassword.bind(inner)),
    refresh: count('refresh', inner.refresh.bind(inner)),
    globalSignOut: count('globalSignOut', inner.globalSignOut.bind(inner)),
    revokeToken: count('revokeToken', inner.revokeToken.bind(inner)),
    deleteUser: count('deleteUser', inner.deleteUser.bind(inner)),
    ...(inner.calls ? { calls: inner.calls } : {}),
  };
}

function sdkService() {
  return new SdkUserPoolService({
    PoolId: pool.poolId,
    AppClientId: pool.clientId,
    Region: 'us-east-1',
    Endpoint: pool.endpoint,
  });
}

/** The harness configuration with the user-pool endpoint replaced (e.g. by an unreachable one). */
function withUserPoolEndpoint(config: AmplifyConfiguration, endpoint: string): AmplifyConfiguration {
  const section = config.auth!.plugins!.awsCognitoAuthPlugin!;
  return {
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          ...section,
          CognitoUserPool: { Default: { ...section.CognitoUserPool!.Default!, Endpoint: endpoint } },
        },
      },
    },
  };
}

const UNREACHABLE = 'http://127.0.0.1:9';

describe('AWSCognitoAuthPlugin user-pool sign-in (cognito-local + identity emulator)', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  describe('signIn', () => {
    it('signs in, publishes SIGNED_IN after storing, and federates the id token to the identity pool', async () => {
      h = await startHarness({ userPool: pool });
      const username = await newUser();
      const result = await h.plugin.signIn(username, PASSWORD);
      expect(result).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
      const user = await h.plugin.getCurrentUser();
      expect(user.userId).toMatch(/^[0-9a-f-]{36}$/);
      expect(h.events).toEqual([
        { name: 'SIGNED_IN', data: { username: user.username, userId: user.userId } },
      ]);

      const session = rememberSession(await h.plugin.fetchAuthSession());
      expect(session.isSignedIn).toBe(true);
      expect(session.userSubResult).toEqual({ type: 'SUCCESS', value: user.userId });
      expect(session.userPoolTokensResult.type).toBe('SUCCESS');
      expect(session.identityIdResult.type).toBe('SUCCESS');
      expect(session.awsCredentialsResult.type).toBe('SUCCESS');
      expect([h.calls('GetId'), h.calls('GetCredentialsForIdentity')]).toEqual([1, 1]);
      const identity = h.emulator
        .identities(h.poolId)
        .find((i) => i.identityId === (session.identityIdResult as { value: string }).value);
      expect(JSON.stringify(identity)).toContain(`cognito-idp.us-east-1.amazonaws.com/${pool.poolId}`);

      const before = h.emulator.requests().length;
      rememberSession(await h.plugin.fetchAuthSession());
      expect(h.emulator.requests().length).toBe(before);
    });

    it('works through the category facade', async () => {
      h = await startHarness({ userPool: pool });
      const username = await newUser();
      await Amplify.Auth.signIn(username, PASSWORD);
      expect((await Amplify.Auth.getCurrentUser()).userId).toMatch(/^[0-9a-f-]{36}$/);
      expect(
        rememberSession((await Amplify.Auth.fetchAuthSession()) as AWSCognitoAuthSession).isSignedIn,
      ).toBe(true);
      await Amplify.Auth.signOut();
      await expect(Amplify.Auth.getCurrentUser()).rejects.toBeInstanceOf(SignedOutException);
    });

    it('reports the callback style through onSuccess', async () => {
      h = await startHarness({ userPool: pool });
      const username = await newUser();
      const result = await new Promise((resolve, reject) =>
        h.plugin.signIn(username, PASSWORD, resolve, reject),
      );
      expect(result).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    });

    it('refuses a wrong password with NotAuthorizedException and changes nothing', async () => {
      h = await startHarness({ userPool: pool });
      const username = await newUser();
      const error = await h.plugin.signIn(username, 'Wrong-Password-1').catch((e: unknown) => e);
      rememberSecrets('Wrong-Password-1');
      expect(error).toBeInstanceOf(NotAuthorizedException);
      expect((error as NotAuthorizedException).message).not.toContain('Wrong-Password-1');
      expect(h.events).toEqual([]);
      expect((await h.plugin.fetchAuthSession()).isSignedIn).toBe(false);
    });

    it('refuses an unknown user with NotAuthorizedException', async () => {
      h = await startHarness({ userPool: pool });
      await expect(h.plugin.signIn('nobody@example.com', PASSWORD)).rejects.toBeInstanceOf(
        NotAuthorizedException,
      );
    });

    it.each([
      ['an empty username', '', PASSWORD],
      ['a non-string username', 42, PASSWORD],
      ['an empty password', 'someone@example.com', ''],
      ['a non-string password', 'someone@example.com', { secret: true }],
    ])('rejects %s before any request', async (_, username, password) => {
      h = await startHarness({ userPool: pool });
      await h.restart(undefined, withUserPoolEndpoint(h.config, UNREACHABLE));
      const plugin = Amplify.Auth.getPlugin('awsCognitoAuthPlugin');
      await expect(plugin.signIn(username as string, password as string)).rejects.toBeInstanceOf(
        InvalidParameterException,
      );
    });

    it('rejects unknown sign-in options', async () => {
      h = await startHarness({ userPool: pool });
      await expect(
        h.plugin.signIn('a@example.com', PASSWORD, { authFlowType: 'USER_AUTH' as never }),
      ).rejects.toThrow(/authFlowType/);
    });

    it('fails with NetworkException when the user pool is down, state unchanged', async () => {
      h = await startHarness({ userPool: pool });
      const plugin = await h.restart(undefined, withUserPoolEndpoint(h.config, UNREACHABLE));
      const error = await plugin.signIn('a@example.com', PASSWORD).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkException);
      expect((error as Error).message).not.toContain(PASSWORD);
      expect((await plugin.fetchAuthSession()).isSignedIn).toBe(false);
      expect(h.events).toEqual([]);
    });

    it('is refused before configure', async () => {
      const { AWSCognitoAuthPlugin } = await import('../src');
      h = await startHarness({ userPool: pool });
      await expect(new AWSCognitoAuthPlugin().signIn('a@example.com', PASSWORD)).rejects.toBeInstanceOf(
        InvalidStateException,
      );
    });

    it('asks for a new password for a user created with a temporary one, then completes with confirmSignIn', async () => {
      h = await startHarness({ userPool: pool });
      const username = `temp${++userCount}@example.com`;
      await users.createUser(pool.poolId, username, PASSWORD, { temporary: true });
      const first = await h.plugin.signIn(username, PASSWORD);
      expect(first).toEqual({
        isSignedIn: false,
        nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED', missingAttributes: [] },
      });
      expect(h.events).toEqual([]);
      rememberSecrets('Brand-New-Pass-7');
      const done = await h.plugin.confirmSignIn('Brand-New-Pass-7');
      expect(done).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
      expect(h.events.map((e) => e.name)).toEqual(['SIGNED_IN']);
      await expect(h.plugin.confirmSignIn('Another-Pass-8')).rejects.toBeInstanceOf(InvalidStateException);
    });

    it('sends the SECRET_HASH an app client with a secret needs', async () => {
      const withSecret = await users.createPool({ clientSecret: true });
      expect(withSecret.clientSecret).toBeTruthy();
      rememberSecrets(withSecret.clientSecret);
      const expected = createHmac('sha256', withSecret.clientSecret!)
        .update(`bob${withSecret.clientId}`)
        .digest('base64');
      expect(await secretHash('bob', withSecret.clientId, withSecret.clientSecret!)).toBe(expected);
      h = await startHarness({ userPool: { ...pool, ...withSecret } });
      await users.createUser(withSecret.poolId, 'secret-user@example.com', PASSWORD);
      await expect(h.plugin.signIn('secret-user@example.com', PASSWORD)).resolves.toMatchObject({
        isSignedIn: true,
      });
    });
  });

  describe('state guards', () => {
    it('refuses federation while signed in, and sign-in while signed in', async () => {
      h = await startHarness({ userPool: pool });
      await h.plugin.signIn(await newUser(), PASSWORD);
      const before = h.emulator.requests().length;
      const error = await h.plugin
        .federateToIdentityPool(await h.token(), AuthProvider.facebook())
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidStateException);
      expect((error as InvalidStateException).message).toBe('Federation could not be completed.');
      expect(h.emulator.requests().length).toBe(before);
      await expect(h.plugin.signIn('x@example.com', PASSWORD)).rejects.toThrow(
        'There is already a user signed in.',
      );
      await expect(h.plugin.clearFederationToIdentityPool()).rejects.toBeInstanceOf(InvalidStateException);
    });

    it('refuses sign-in while federated', async () => {
      h = await startHarness({ userPool: pool });
      remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
      await expect(h.plugin.signIn(await newUser(), PASSWORD)).rejects.toBeInstanceOf(InvalidStateException);
      await expect(h.plugin.getCurrentUser()).rejects.toBeInstanceOf(InvalidStateException);
    });
  });

  describe('signOut', () => {
    it('signs out locally, publishing SIGNED_OUT', async () => {
      h = await startHarness({ userPool: pool });
      await h.plugin.signIn(await newUser(), PASSWORD);
      const result = await h.plugin.signOut();
      expect(result).toEqual({ signedOutLocally: true });
      expect(h.events.map((e) => e.name)).toEqual(['SIGNED_IN', 'SIGNED_OUT']);
      await expect(h.plugin.getCurrentUser()).rejects.toBeInstanceOf(SignedOutException);
      expect((await h.plugin.fetchAuthSession()).isSignedIn).toBe(false);
      expect(await h.plugin.signOut()).toEqual({ signedOutLocally: true });
      expect(h.events.map((e) => e.name)).toEqual(['SIGNED_IN', 'SIGNED_OUT']);
    });

    it('signs out globally, revoking the refresh token at the service', async () => {
      h = await startHarness({ userPool: pool });
      await h.plugin.signIn(await newUser(), PASSWORD);
      const session = rememberSession(await h.plugin.fetchAuthSession());
      const refreshToken = (session.userPoolTokensResult as { value: { refreshToken: string } }).value
        .refreshToken;
      const result = await h.plugin.signOut({ globalSignOut: true });
      expect(result).toEqual({ signedOutLocally: true, globalSignOut: { completed: true } });
      await expect(
        users.admin.send(
          new InitiateAuthCommand({
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            ClientId: pool.clientId,
            AuthParameters: { REFRESH_TOKEN: refreshToken },
          }),
        ),
      ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    });

    it('still signs out locally when global sign-out cannot reach the service, and says so', async () => {
      const storage = new InMemoryKeyValueStorage();
      h = await startHarness({ userPool: pool, storage });
      await h.plugin.signIn(await newUser(), PASSWORD);
      const offline = await h.restart({ storage }, withUserPoolEndpoint(h.config, UNREACHABLE));
      const result = await offline.signOut({ globalSignOut: true });
      expect(result.signedOutLocally).toBe(true);
      expect(result.globalSignOut?.completed).toBe(false);
      expect(result.globalSignOut?.error).toBeInstanceOf(NetworkException);
      expect(h.events.map((e) => e.name)).toEqual(['SIGNED_IN', 'SIGNED_OUT']);
      await expect(offline.getCurrentUser()).rejects.toBeInstanceOf(SignedOutException);
    });
  });

  describe('deleteUser', () => {
    it('deletes the user at the service, signs out and publishes USER_DELETED', async () => {
      h = await startHarness({ userPool: pool });
      const username = await newUser();
      await h.plugin.signIn(username, PASSWORD);
      await h.plugin.deleteUser();
      expect(h.events.map((e) => e.name)).toEqual(['SIGNED_IN', 'USER_DELETED']);
      await expect(h.plugin.getCurrentUser()).rejects.toBeInstanceOf(SignedOutException);
      await expect(h.plugin.signIn(username, PASSWORD)).rejects.toBeInstanceOf(NotAuthorizedException);
    });

    it('is refused when nobody is signed in, and while federated', async () => {
      h = await startHarness({ userPool: pool });
      await expect(h.plugin.deleteUser()).rejects.toBeInstanceOf(SignedOutException);
      remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
      await expect(h.plugin.deleteUser()).rejects.toBeInstanceOf(InvalidStateException);
      expect(h.events.map((e) => e.name)).toEqual(['FEDERATED_TO_IDENTITY_POOL']);
    });
  });

  describe('tokens and persistence', () => {
    it('refreshes the tokens once for 100 concurrent fetches near expiry, then the credentials', async () => {
      const service = counting(sdkService());
      h = await startHarness({ userPool: pool, plugin: { userPoolService: service } });
      await h.plugin.signIn(await newUser(), PASSWORD);
      const first = rememberSession(await h.plugin.fetchAuthSession());
      const firstTokens = (first.userPoolTokensResult as { value: { idToken: string } }).value;
      h.clock.advance(24 * 3600_000 - 60_000); // inside the 120 s margin, not yet expired
      const before = h.emulator.requests().length;
      const sessions = await Promise.all(Array.from({ length: 100 }, () => h.plugin.fetchAuthSession()));
      sessions.forEach(rememberSession);
      expect(service.counts.refresh).toBe(1);
      expect(h.calls('GetCredentialsForIdentity', before)).toBe(1);
      expect(h.calls('GetId', before)).toBe(0);
      const tokens = (sessions[0]!.userPoolTokensResult as { value: { idToken: string } }).value;
      expect(tokens.idToken).not.toBe(firstTokens.idToken);
      expect(sessions.every((s) => s.awsCredentialsResult.type === 'SUCCESS')).toBe(true);
      expect(h.events.map((e) => e.name)).toEqual(['SIGNED_IN']);
    });

    it('signs out with SESSION_EXPIRED once when the refresh token is rejected', async () => {
      h = await startHarness({ userPool: pool });
      await h.plugin.signIn(await newUser(), PASSWORD);
      const session = rememberSession(await h.plugin.fetchAuthSession());
      const refreshToken = (session.userPoolTokensResult as { value: { refreshToken: string } }).value
        .refreshToken;
      await users.admin.send(new RevokeTokenCommand({ Token: refreshToken, ClientId: pool.clientId }));
      h.clock.advance(24 * 3600_000 - 60_000);
      const [a, b] = await Promise.all([h.plugin.fetchAuthSession(), h.plugin.fetchAuthSession()]);
      for (const s of [a, b]) {
        expect(s.isSignedIn).toBe(false);
        expect((s.userPoolTokensResult as { error: unknown }).error).toBeInstanceOf(SessionExpiredException);
      }
      expect(h.events).toEqual([
        expect.objectContaining({ name: 'SIGNED_IN' }),
        { name: 'SESSION_EXPIRED', data: { reason: 'refreshTokenRejected' } },
      ]);
      await expect(h.plugin.getCurrentUser()).rejects.toBeInstanceOf(SignedOutException);
    });

    it('keeps the sign-in across a restart with file storage', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'plugboard-userpool-'));
      try {
        const file = join(dir, 'session.json');
        h = await startHarness({ userPool: pool, storage: new FileKeyValueStorage(file) });
        await h.plugin.signIn(await newUser(), PASSWORD);
        const user = await h.plugin.getCurrentUser();
        const restarted = await h.restart({ storage: new FileKeyValueStorage(file) });
        expect(await restarted.getCurrentUser()).toEqual(user);
        expect(rememberSession(await restarted.fetchAuthSession()).userSubResult).toEqual({
          type: 'SUCCESS',
          value: user.userId,
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('refreshes tampered stored tokens with a good refresh token, and signs out when the refresh token is bad', async () => {
      const storage = new InMemoryKeyValueStorage();
      h = await startHarness({ userPool: pool, storage });
      await h.plugin.signIn(await newUser(), PASSWORD);
      const key = `plugboard.auth.${pool.poolId}.${h.poolId}.session`;
      const stored = JSON.parse((await storage.getItem(key))!) as { tokens: Record<string, string> };
      await storage.setItem(
        key,
        JSON.stringify({ ...stored, tokens: { ...stored.tokens, idToken: 'garbage', accessToken: 'x.y.z' } }),
      );
      const restarted = await h.restart({ storage });
      const repaired = rememberSession(await restarted.fetchAuthSession());
      expect(repaired.isSignedIn).toBe(true);
      expect((repaired.userPoolTokensResult as { value: { idToken: string } }).value.idToken).not.toBe(
        'garbage',
      );
      expect(repaired.awsCredentialsResult.type).toBe('SUCCESS');

      const again = JSON.parse((await storage.getItem(key))!) as { tokens: Record<string, string> };
      await storage.setItem(
        key,
        JSON.stringify({
          ...again,
          tokens: { ...again.tokens, idToken: 'garbage', refreshToken: 'not-a-refresh-token' },
        }),
      );
      const broken = await h.restart({ storage });
      const expired = await broken.fetchAuthSession();
      expect(expired.isSignedIn).toBe(false);
      expect(h.events.map((e) => e.name)).toEqual(['SIGNED_IN', 'SESSION_EXPIRED']);
    });
  });
});
