import fc from 'fast-check';
import { InvalidStateException } from '@plugboard/core';
import { AuthProvider } from '../src';
import { remember, startHarness, type Harness } from './support/harness';

describe('AWSCognitoAuthPlugin state rules', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  describe('clearFederationToIdentityPool', () => {
    it('forgets the federated session locally, with no request, and publishes only FEDERATION_TO_IDENTITY_POOL_CLEARED', async () => {
      remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
      const before = h.emulator.requests().length;
      await h.plugin.clearFederationToIdentityPool();
      expect(h.emulator.requests().length).toBe(before);
      expect(h.events.map((e) => e.name)).toEqual([
        'FEDERATED_TO_IDENTITY_POOL',
        'FEDERATION_TO_IDENTITY_POOL_CLEARED',
      ]);
      const session = await h.plugin.fetchAuthSession();
      expect(session.isSignedIn).toBe(false);
    });

    it('fails with InvalidStateException when nothing is federated', async () => {
      const error = await h.plugin.clearFederationToIdentityPool().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidStateException);
      expect((error as InvalidStateException).message).toBe('Clearing of federation failed.');
      expect(h.events).toEqual([]);
    });

    it('reports through callbacks in the callback style', async () => {
      remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
      const outcome = await new Promise<string>((resolve) =>
        h.plugin.clearFederationToIdentityPool(
          () => resolve('cleared'),
          (e) => resolve(`error ${e.name}`),
        ),
      );
      expect(outcome).toBe('cleared');
      const second = await new Promise<string>((resolve) =>
        h.plugin.clearFederationToIdentityPool(
          () => resolve('cleared'),
          (e) => resolve(`error ${e.name}`),
        ),
      );
      expect(second).toBe('error InvalidStateException');
    });
  });

  describe('signOut while federated', () => {
    it('is refused with InvalidStateException pointing to clearFederationToIdentityPool', async () => {
      remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
      const error = await h.plugin.signOut().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidStateException);
      expect((error as InvalidStateException).message).toMatch(/currently federated to identity pool/);
      expect((error as InvalidStateException).recoverySuggestion).toMatch(/clearFederationToIdentityPool/);
      expect((await h.plugin.fetchAuthSession()).isSignedIn).toBe(true);
    });
  });

  describe('linearizability', () => {
    it('runs concurrent calls in call order', async () => {
      const [a, b] = [await h.token('graph.facebook.com', 'a'), await h.token('accounts.google.com', 'b')];
      const order: string[] = [];
      const results = await Promise.allSettled([
        h.plugin
          .federateToIdentityPool(a, AuthProvider.facebook())
          .then((r) => (order.push('federate a'), remember(r))),
        h.plugin.clearFederationToIdentityPool().then(() => order.push('clear')),
        h.plugin
          .clearFederationToIdentityPool()
          .catch((e: Error) => (order.push(`clear again: ${e.name}`), null)),
        h.plugin
          .federateToIdentityPool(b, AuthProvider.google())
          .then((r) => (order.push('federate b'), remember(r))),
        h.plugin.fetchAuthSession().then((s) => order.push(`fetch: signed in ${s.isSignedIn}`)),
      ]);
      expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
      expect(order).toEqual([
        'federate a',
        'clear',
        'clear again: InvalidStateException',
        'federate b',
        'fetch: signed in true',
      ]);
      expect(h.events.map((e) => e.name)).toEqual([
        'FEDERATED_TO_IDENTITY_POOL',
        'FEDERATION_TO_IDENTITY_POOL_CLEARED',
        'FEDERATED_TO_IDENTITY_POOL',
      ]);
    });

    it('keeps the state invariants under random interleavings of federate, clear and fetch', async () => {
      const tokens = {
        facebook: await h.token('graph.facebook.com', 'p1'),
        google: await h.token('accounts.google.com', 'p2'),
      };
      const command = fc.oneof(
        fc
          .constantFrom('facebook', 'google')
          .map((p) => ({ kind: 'federate' as const, provider: p as 'facebook' | 'google' })),
        fc.constant({ kind: 'clear' as const }),
        fc.record({ kind: fc.constant('fetch' as const), force: fc.boolean() }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
          if ((await h.plugin.fetchAuthSession()).isSignedIn) {
            await h.plugin.clearFederationToIdentityPool();
          }
          h.events.length = 0;
          // The model: who is federated after each command, in call order.
          let modelFederated: 'facebook' | 'google' | undefined;
          const expectations: ((outcome: PromiseSettledResult<unknown>) => void)[] = [];
          const calls = commands.map((c) => {
            if (c.kind === 'federate') {
              modelFederated = c.provider;
              const provider = c.provider === 'facebook' ? AuthProvider.facebook() : AuthProvider.google();
              expectations.push((o) => expect(o.status).toBe('fulfilled'));
              return h.plugin.federateToIdentityPool(tokens[c.provider], provider).then(remember);
            }
            if (c.kind === 'clear') {
              const wasFederated = modelFederated !== undefined;
              modelFederated = undefined;
              expectations.push((o) => expect(o.status).toBe(wasFederated ? 'fulfilled' : 'rejected'));
              return h.plugin.clearFederationToIdentityPool();
            }
            const expectSignedIn = modelFederated !== undefined;
            expectations.push((o) => {
              expect(o.status).toBe('fulfilled');
              const session = (
                o as PromiseFulfilledResult<{ isSignedIn: boolean; identityIdResult: { type: string } }>
              ).value;
              expect(session.isSignedIn).toBe(expectSignedIn);
              if (expectSignedIn) expect(session.identityIdResult.type).toBe('SUCCESS');
            });
            return h.plugin.fetchAuthSession({ forceRefresh: c.force });
          });
          const outcomes = await Promise.allSettled(calls);
          outcomes.forEach((outcome, i) => expectations[i]!(outcome));
          // Events: one per successful federate or clear, in call order.
          const expectedEvents = commands.flatMap((c, i) =>
            outcomes[i]!.status !== 'fulfilled'
              ? []
              : c.kind === 'federate'
                ? ['FEDERATED_TO_IDENTITY_POOL']
                : c.kind === 'clear'
                  ? ['FEDERATION_TO_IDENTITY_POOL_CLEARED']
                  : [],
          );
          expect(h.events.map((e) => e.name)).toEqual(expectedEvents);
          const final = await h.plugin.fetchAuthSession();
          expect(final.isSignedIn).toBe(modelFederated !== undefined);
        }),
        { numRuns: 25 },
      );
    });
  });
});
