import { InvalidStateException, SessionExpiredException, TooManyRequestsException } from '@plugboard/core';
import { AuthProvider } from '../src';
import { remember, startHarness, type Harness } from './support/harness';
import { rememberSecrets } from './support/secrets';

describe('AWSCognitoAuthPlugin.fetchAuthSession while federated', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('answers from memory while the credentials are valid: no request, no event', async () => {
    h = await startHarness();
    const result = remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    const before = h.emulator.requests().length;
    const session = await h.plugin.fetchAuthSession();
    expect(session.isSignedIn).toBe(true);
    expect(session.identityIdResult).toEqual({ type: 'SUCCESS', value: result.identityId });
    expect(session.awsCredentialsResult).toEqual({ type: 'SUCCESS', value: result.credentials });
    for (const part of [session.userSubResult, session.userPoolTokensResult]) {
      expect(part.type).toBe('FAILURE');
      const error = (part as { error: InvalidStateException }).error;
      expect(error).toBeInstanceOf(InvalidStateException);
      expect(error.message).toBe('Users federated to an identity pool have no user-pool data.');
      expect(error.recoverySuggestion).toMatch(/sign-in method/);
    }
    expect(h.emulator.requests().length).toBe(before);
    expect(h.events.map((e) => e.name)).toEqual(['FEDERATED_TO_IDENTITY_POOL']);
  });

  it('refreshes once for 100 concurrent fetches after the credentials expire, publishing nothing', async () => {
    h = await startHarness({ plugin: { credentialsRefreshMarginSeconds: 0 } });
    const first = remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    h.clock.advance(3_600_000 + 1);
    const before = h.emulator.requests().length;
    const sessions = await Promise.all(Array.from({ length: 100 }, () => h!.plugin.fetchAuthSession()));
    expect(
      h.emulator
        .requests()
        .slice(before)
        .map((r) => r.operation),
    ).toEqual(['GetCredentialsForIdentity']);
    const fresh = sessions[0]!.awsCredentialsResult;
    expect(fresh.type).toBe('SUCCESS');
    const credentials = (fresh as { value: typeof first.credentials }).value;
    rememberSecrets(credentials.secretAccessKey, credentials.sessionToken);
    expect(credentials.accessKeyId).not.toBe(first.credentials.accessKeyId);
    for (const s of sessions) expect(s.awsCredentialsResult).toEqual(fresh);
    expect(sessions.every((s) => s.identityIdResult.type === 'SUCCESS')).toBe(true);
    expect(h.events.map((e) => e.name)).toEqual(['FEDERATED_TO_IDENTITY_POOL']);
  });

  it('refreshes within the safety margin before expiry', async () => {
    h = await startHarness({
      credentialsLifetimeSeconds: 600,
      plugin: { credentialsRefreshMarginSeconds: 120 },
    });
    remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    h.clock.advance(470_000); // 130 s before expiry: still outside the margin
    let before = h.emulator.requests().length;
    await h.plugin.fetchAuthSession();
    expect(h.emulator.requests().length).toBe(before);
    h.clock.advance(20_000); // 110 s before expiry: inside the margin
    before = h.emulator.requests().length;
    await h.plugin.fetchAuthSession();
    expect(h.calls('GetCredentialsForIdentity', before)).toBe(1);
  });

  it('refreshes on forceRefresh even when the credentials are valid', async () => {
    h = await startHarness();
    const first = remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    const before = h.emulator.requests().length;
    const session = await h.plugin.fetchAuthSession({ forceRefresh: true });
    expect(h.calls('GetCredentialsForIdentity', before)).toBe(1);
    const value = (session.awsCredentialsResult as { value: typeof first.credentials }).value;
    rememberSecrets(value.secretAccessKey, value.sessionToken);
    expect(value.accessKeyId).not.toBe(first.credentials.accessKeyId);
  });

  it('publishes SESSION_EXPIRED once when the stored provider token is rejected, keeping the identity id', async () => {
    h = await startHarness({ plugin: { credentialsRefreshMarginSeconds: 0 } });
    const token = await h.token('graph.facebook.com', 'erin', 60);
    const first = remember(await h.plugin.federateToIdentityPool(token, AuthProvider.facebook()));
    h.clock.advance(3_600_000 + 1); // the provider token and the credentials expire
    const sessions = await Promise.all([h.plugin.fetchAuthSession(), h.plugin.fetchAuthSession()]);
    const again = await h.plugin.fetchAuthSession();
    for (const session of [...sessions, again]) {
      expect(session.identityIdResult).toEqual({ type: 'SUCCESS', value: first.identityId });
      expect(session.awsCredentialsResult.type).toBe('FAILURE');
      const error = (session.awsCredentialsResult as { error: SessionExpiredException }).error;
      expect(error).toBeInstanceOf(SessionExpiredException);
      expect(error.recoverySuggestion).toMatch(/federateToIdentityPool/);
    }
    expect(h.events).toEqual([
      {
        name: 'FEDERATED_TO_IDENTITY_POOL',
        data: { identityId: first.identityId, providerName: 'graph.facebook.com' },
      },
      {
        name: 'SESSION_EXPIRED',
        data: { reason: 'federatedTokenRejected', providerName: 'graph.facebook.com' },
      },
    ]);
    // The rejected token is not sent again on every fetch.
    expect(h.calls('GetCredentialsForIdentity')).toBe(2);
    // A fresh token brings the session back to the same identity.
    const back = remember(
      await h.plugin.federateToIdentityPool(
        await h.token('graph.facebook.com', 'erin'),
        AuthProvider.facebook(),
      ),
    );
    expect(back.identityId).toBe(first.identityId);
    expect((await h.plugin.fetchAuthSession()).awsCredentialsResult.type).toBe('SUCCESS');
  });

  it('re-federates by itself through federatedTokenRefresher when the stored token is rejected', async () => {
    const asked: string[] = [];
    let harness: Harness | undefined;
    h = harness = await startHarness({
      plugin: {
        credentialsRefreshMarginSeconds: 0,
        federatedTokenRefresher: async (providerName) => {
          asked.push(providerName);
          return harness!.token(providerName, 'frank');
        },
      },
    });
    const first = remember(
      await h.plugin.federateToIdentityPool(
        await h.token('accounts.google.com', 'frank', 60),
        AuthProvider.google(),
      ),
    );
    h.clock.advance(3_600_000 + 1);
    const session = await h.plugin.fetchAuthSession();
    expect(asked).toEqual(['accounts.google.com']);
    expect(session.identityIdResult).toEqual({ type: 'SUCCESS', value: first.identityId });
    expect(session.awsCredentialsResult.type).toBe('SUCCESS');
    const value = (session.awsCredentialsResult as { value: typeof first.credentials }).value;
    rememberSecrets(value.secretAccessKey, value.sessionToken);
    expect(h.events.map((e) => e.name)).toEqual(['FEDERATED_TO_IDENTITY_POOL']);
  });

  it('publishes SESSION_EXPIRED when federatedTokenRefresher itself fails', async () => {
    h = await startHarness({
      plugin: {
        credentialsRefreshMarginSeconds: 0,
        federatedTokenRefresher: async () => {
          throw new Error('provider unreachable');
        },
      },
    });
    remember(
      await h.plugin.federateToIdentityPool(
        await h.token('graph.facebook.com', 'gina', 60),
        AuthProvider.facebook(),
      ),
    );
    h.clock.advance(3_600_000 + 1);
    const session = await h.plugin.fetchAuthSession();
    expect((session.awsCredentialsResult as { error: unknown }).error).toBeInstanceOf(
      SessionExpiredException,
    );
    expect(h.events.map((e) => e.name)).toEqual(['FEDERATED_TO_IDENTITY_POOL', 'SESSION_EXPIRED']);
  });

  it('answers a failed forced refresh with FAILURE, keeps the session, and a plain fetch returns the still-valid credentials', async () => {
    h = await startHarness();
    const first = remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    h.emulator.injectFault({
      operation: 'GetCredentialsForIdentity',
      error: 'TooManyRequestsException',
      times: 10,
    });
    const session = await h.plugin.fetchAuthSession({ forceRefresh: true });
    expect(session.awsCredentialsResult.type).toBe('FAILURE');
    expect((session.awsCredentialsResult as { error: unknown }).error).toBeInstanceOf(
      TooManyRequestsException,
    );
    const plain = await h.plugin.fetchAuthSession();
    expect(plain.awsCredentialsResult).toEqual({ type: 'SUCCESS', value: first.credentials });
    h.emulator.clearFaults();
    expect((await h.plugin.fetchAuthSession()).identityIdResult).toEqual({
      type: 'SUCCESS',
      value: first.identityId,
    });
  });

  it('reports the throttling error when the credentials have expired and the refresh keeps failing', async () => {
    h = await startHarness({ plugin: { credentialsRefreshMarginSeconds: 0 } });
    const first = remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    h.clock.advance(3_600_000 + 1);
    h.emulator.injectFault({
      operation: 'GetCredentialsForIdentity',
      error: 'TooManyRequestsException',
      times: 10,
    });
    const failed = await h.plugin.fetchAuthSession();
    expect((failed.awsCredentialsResult as { error: unknown }).error).toBeInstanceOf(
      TooManyRequestsException,
    );
    expect(failed.identityIdResult).toEqual({ type: 'SUCCESS', value: first.identityId });
    h.emulator.clearFaults();
    const recovered = await h.plugin.fetchAuthSession();
    expect(recovered.awsCredentialsResult.type).toBe('SUCCESS');
    const value = (recovered.awsCredentialsResult as { value: typeof first.credentials }).value;
    rememberSecrets(value.secretAccessKey, value.sessionToken);
    expect(h.events.map((e) => e.name)).toEqual(['FEDERATED_TO_IDENTITY_POOL']);
  });
});

describe('AWSCognitoAuthPlugin.fetchAuthSession while signed out', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('gets guest credentials when the pool allows unauthenticated identities, then serves them from memory', async () => {
    h = await startHarness({ allowUnauthenticatedIdentities: true });
    const session = await h.plugin.fetchAuthSession();
    expect(session.isSignedIn).toBe(false);
    expect(session.identityIdResult.type).toBe('SUCCESS');
    expect(session.awsCredentialsResult.type).toBe('SUCCESS');
    const value = (
      session.awsCredentialsResult as { value: { secretAccessKey: string; sessionToken: string } }
    ).value;
    rememberSecrets(value.secretAccessKey, value.sessionToken);
    expect(session.userSubResult.type).toBe('FAILURE');
    const before = h.emulator.requests().length;
    expect((await h.plugin.fetchAuthSession()).identityIdResult).toEqual(session.identityIdResult);
    expect(h.emulator.requests().length).toBe(before);
  });

  it('answers with failures when the pool refuses guests', async () => {
    h = await startHarness({ allowUnauthenticatedIdentities: false });
    const session = await h.plugin.fetchAuthSession();
    expect(session.isSignedIn).toBe(false);
    expect(session.identityIdResult.type).toBe('FAILURE');
    expect(session.awsCredentialsResult.type).toBe('FAILURE');
    expect((session.identityIdResult as { error: { name: string } }).error.name).toBe(
      'NotAuthorizedException',
    );
    // The refusal is remembered: the next fetch asks nothing, a forced one asks again.
    const before = h.emulator.requests().length;
    const again = await h.plugin.fetchAuthSession();
    expect(again.identityIdResult).toEqual(session.identityIdResult);
    expect(h.emulator.requests().length).toBe(before);
    const forced = await h.plugin.fetchAuthSession({ forceRefresh: true });
    expect((forced.identityIdResult as { error: { name: string } }).error.name).toBe(
      'NotAuthorizedException',
    );
    expect(h.calls('GetId', before)).toBe(1);
  });
});
