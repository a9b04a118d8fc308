// Never hang (BEHAVIOUR section 8): a server that accepts and never answers, a proxy that goes silent
// mid-session, a refresher that never settles. Bounds are asserted loosely (the machine is shared).
import {
  Amplify,
  InvalidStateException,
  NetworkException,
  SessionExpiredException,
  type AmplifyConfiguration,
} from '@plugboard/core';
import { AuthProvider, type AWSCognitoAuthSession } from '../src';
import { remember, startHarness, type Harness } from './support/harness';
import { startHalfOpenProxy, startSilentServer, type HalfOpenProxy } from './support/silentNetwork';

const REQUEST_TIMEOUT_MS = 150;
/** One Cognito call against a silent server: three attempts and the retry back-off. */
const CALL_BOUND_MS = 3 * REQUEST_TIMEOUT_MS + 1000;
/** Local operations: "at once", with room for a machine shared with other work (far below any network bound). */
const LOCAL_BOUND_MS = 1000;

function configFor(h: Harness, endpoint: string): AmplifyConfiguration {
  return {
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: {
            CognitoIdentity: { Default: { PoolId: h.poolId, Region: 'us-east-1', Endpoint: endpoint } },
          },
        },
      },
    },
  };
}

async function elapsed<T>(work: Promise<T>): Promise<{ ms: number; outcome: PromiseSettledResult<T> }> {
  const start = performance.now();
  const [outcome] = await Promise.allSettled([work]);
  return { ms: performance.now() - start, outcome: outcome! };
}

function reason(outcome: PromiseSettledResult<unknown>): unknown {
  expect(outcome.status).toBe('rejected');
  return (outcome as PromiseRejectedResult).reason;
}

describe('never hang', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  describe('a server that accepts and never answers', () => {
    it('ends federate and a forced fetch with NetworkException within the call bound, after retrying', async () => {
      const silent = await startSilentServer();
      try {
        const plugin = await h.restart(
          { requestTimeoutMs: REQUEST_TIMEOUT_MS },
          configFor(h, silent.endpoint),
        );
        const federate = await elapsed(
          plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()),
        );
        expect(reason(federate.outcome)).toBeInstanceOf(NetworkException);
        // GetId only: it never answered, so GetCredentialsForIdentity was never sent.
        expect(federate.ms).toBeLessThan(CALL_BOUND_MS + 1000);
        expect(silent.accepted()).toBeGreaterThanOrEqual(2); // the SDK retried on new connections
        const fetch = await elapsed(plugin.fetchAuthSession({ forceRefresh: true }));
        expect(fetch.outcome.status).toBe('fulfilled');
        const session = (fetch.outcome as PromiseFulfilledResult<AWSCognitoAuthSession>).value;
        expect((session.identityIdResult as { error: unknown }).error).toBeInstanceOf(NetworkException);
        expect(fetch.ms).toBeLessThan(CALL_BOUND_MS + 1000);
      } finally {
        await silent.stop();
      }
    });

    it('lets clearFederation, Amplify.reset() and plugin.reset() complete at once while a federation waits', async () => {
      const silent = await startSilentServer();
      try {
        let plugin = await h.restart({ requestTimeoutMs: 5_000 }, configFor(h, silent.endpoint));
        const federating = plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
        const clear = await elapsed(plugin.clearFederationToIdentityPool());
        expect(clear.ms).toBeLessThan(LOCAL_BOUND_MS);
        expect(reason(clear.outcome)).toBeInstanceOf(InvalidStateException); // nothing was federated yet
        expect(reason((await elapsed(federating)).outcome)).toBeInstanceOf(InvalidStateException); // abandoned

        plugin = await h.restart({ requestTimeoutMs: 5_000 }, configFor(h, silent.endpoint));
        const again = plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
        const reset = await elapsed(Amplify.reset());
        expect(reset.ms).toBeLessThan(LOCAL_BOUND_MS);
        const abandoned = await elapsed(again);
        expect(abandoned.ms).toBeLessThan(LOCAL_BOUND_MS);
        expect((reason(abandoned.outcome) as Error).message).toMatch(/reset/);

        plugin = await h.restart({ requestTimeoutMs: 5_000 }, configFor(h, silent.endpoint));
        const third = plugin.fetchAuthSession({ forceRefresh: true });
        expect((await elapsed(plugin.reset())).ms).toBeLessThan(LOCAL_BOUND_MS);
        expect(reason((await elapsed(third)).outcome)).toBeInstanceOf(InvalidStateException);
      } finally {
        await silent.stop();
      }
    });
  });

  describe('a proxy that goes silent mid-session', () => {
    let proxy: HalfOpenProxy;
    beforeEach(async () => {
      proxy = await startHalfOpenProxy(h.emulator.endpoint);
    });
    afterEach(async () => {
      await proxy.stop();
    });

    it('clears the federation at once while a forced refresh hangs; the late answer changes nothing', async () => {
      const plugin = await h.restart({ requestTimeoutMs: 300 }, configFor(h, proxy.endpoint));
      remember(await plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
      proxy.goSilent();
      h.events.length = 0;
      const refresh = plugin.fetchAuthSession({ forceRefresh: true });
      await new Promise((resolve) => setTimeout(resolve, 50)); // the request is on the wire
      const clear = await elapsed(plugin.clearFederationToIdentityPool());
      expect(clear.outcome.status).toBe('fulfilled');
      expect(clear.ms).toBeLessThan(LOCAL_BOUND_MS);
      const session = await refresh; // asked again after the clear: signed out
      expect(session.isSignedIn).toBe(false);
      expect((await plugin.fetchAuthSession()).isSignedIn).toBe(false);
      expect(h.events.map((e) => e.name)).toEqual(['FEDERATION_TO_IDENTITY_POOL_CLEARED']);
    });

    it('answers a plain fetch with still-valid credentials (inside the margin) without waiting out a slow refresh', async () => {
      const plugin = await h.restart({ requestTimeoutMs: REQUEST_TIMEOUT_MS }, configFor(h, proxy.endpoint));
      const federated = remember(
        await plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()),
      );
      proxy.goSilent();
      h.clock.advance(3_600_000 - 60_000); // 60 s left: inside the default 120 s margin
      const fetch = await elapsed(plugin.fetchAuthSession());
      expect(fetch.outcome).toEqual({
        status: 'fulfilled',
        value: expect.objectContaining({
          awsCredentialsResult: { type: 'SUCCESS', value: federated.credentials },
        }),
      });
      expect(fetch.ms).toBeLessThan(CALL_BOUND_MS); // it did not wait for the three attempts
      // The refresh went on and failed within its bound; the session is kept.
      const forced = await elapsed(plugin.fetchAuthSession({ forceRefresh: true }));
      expect(forced.ms).toBeLessThan(2 * CALL_BOUND_MS + 1000);
      const forcedSession = (forced.outcome as PromiseFulfilledResult<{ awsCredentialsResult: unknown }>)
        .value;
      expect((forcedSession.awsCredentialsResult as { error: unknown }).error).toBeInstanceOf(
        NetworkException,
      );
      expect((await plugin.fetchAuthSession()).awsCredentialsResult).toEqual({
        type: 'SUCCESS',
        value: federated.credentials,
      });
    });
  });

  it('ends a fetch whose federatedTokenRefresher never settles within the refresher deadline', async () => {
    const plugin = await h.restart({
      credentialsRefreshMarginSeconds: 0,
      federatedTokenRefresherTimeoutMs: 200,
      federatedTokenRefresher: () => new Promise<string>(() => undefined),
    });
    remember(
      await plugin.federateToIdentityPool(
        await h.token('graph.facebook.com', 'rita', 60),
        AuthProvider.facebook(),
      ),
    );
    h.clock.advance(3_600_000 + 1); // the provider token and the credentials have expired
    const fetch = await elapsed(plugin.fetchAuthSession());
    expect(fetch.ms).toBeLessThan(2_000);
    const session = (fetch.outcome as PromiseFulfilledResult<{ awsCredentialsResult: unknown }>).value;
    expect((session.awsCredentialsResult as { error: unknown }).error).toBeInstanceOf(
      SessionExpiredException,
    );
    expect(h.events.map((e) => e.name)).toEqual(['FEDERATED_TO_IDENTITY_POOL', 'SESSION_EXPIRED']);
  });
});
