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
    it('runs concurrent calls in call order; a local call abandons the network calls queued before it', async () => {
      const [a, b] = [await h.token('graph.facebook.com', 'a'), await h.token('accounts.google.com', 'b')];
      const order: string[] = [];
      const note = (label: string) => ({
        ok: () => void order.push(label),
        failed: (e: Error) => void order.push(`${label}: ${e.name}`),
      });
      const [abandoned] = await Promise.allSettled([
        h.plugin
          .federateToIdentityPool(a, AuthProvider.facebook())
          .then(note('federate a').ok, (e: Error) => {
            note('federate a').failed(e);
            throw e;
          }),
        h.plugin.clearFederationToIdentityPool().then(note('clear').ok, note('clear').failed),
        h.plugin.clearFederationToIdentityPool().then(note('clear again').ok, note('clear again').failed),
        h.plugin
          .federateToIdentityPool(b, AuthProvider.google())
          .then((r) => (order.push('federate b'), remember(r))),
        h.plugin.fetchAuthSession().then((s) => order.push(`fetch: signed in ${s.isSignedIn}`)),
      ]);
      expect(order).toEqual([
        'federate a: InvalidStateException',
        'clear: InvalidStateException',
        'clear again: InvalidStateException',
        'federate b',
        'fetch: signed in true',
      ]);
      expect((abandoned as PromiseRejectedResult).reason.message).toMatch(
        /abandoned.*nothing it received was stored/,
      );
      expect(h.events.map((e) => e.name)).toEqual(['FEDERATED_TO_IDENTITY_POOL']);
      await h.plugin.clearFederationToIdentityPool();
      expect(h.events.map((e) => e.name)).toEqual([
        'FEDERATED_TO_IDENTITY_POOL',
        'FEDERATION_TO_IDENTITY_POOL_CLEARED',
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
          await h.plugin.fetchAuthSession(); // the pool's refusal of guests is known: signed out is fresh
          h.events.length = 0;
          // The model. A clear is local: it abandons every network call queued before it in the batch
          // (federates fail, fetches ask again after the batch), then finds nothing to clear. The calls
          // after the last clear run in call order.
          const lastClear = commands.map((c) => c.kind).lastIndexOf('clear');
          const afterLastClear = commands.slice(lastClear + 1);
          const finalFederated = afterLastClear.reduce<string | undefined>(
            (who, c) => (c.kind === 'federate' ? c.provider : who),
            undefined,
          );
          let modelFederated: string | undefined;
          let busy = false;
          const expectations: ((outcome: PromiseSettledResult<unknown>) => void)[] = [];
          const calls = commands.map((c, i) => {
            const abandoned = i < lastClear;
            if (c.kind === 'federate') {
              busy = true;
              if (!abandoned) modelFederated = c.provider;
              expectations.push((o) => expect(o.status).toBe(abandoned ? 'rejected' : 'fulfilled'));
              const provider = c.provider === 'facebook' ? AuthProvider.facebook() : AuthProvider.google();
              return h.plugin.federateToIdentityPool(tokens[c.provider], provider).then(remember);
            }
            if (c.kind === 'clear') {
              busy = true;
              expectations.push((o) => expect(o.status).toBe('rejected'));
              return h.plugin.clearFederationToIdentityPool();
            }
            const immediate = !busy && !c.force;
            busy ||= !immediate;
            const expectSignedIn = immediate
              ? false
              : abandoned
                ? finalFederated !== undefined
                : modelFederated !== undefined;
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
          expect(final.isSignedIn).toBe(finalFederated !== undefined);
        }),
        { numRuns: 25 },
      );
    });
  });
});
