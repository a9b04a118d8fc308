import { AuthProvider } from '../src';
import { remember, startHarness, type Harness } from './support/harness';

/**
 * Issue 22 class 1: an abandoned re-federation never sends the provider token after the user cleared.
 * The app's refresher answers only after the clear; no GetCredentialsForIdentity follows it.
 */
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

it('sends nothing after a clear that abandoned a refresh waiting for the federatedTokenRefresher', async () => {
  let answer: (token: string) => void = () => undefined;
  let asked: () => void = () => undefined;
  const refresherAsked = new Promise<void>((resolve) => (asked = resolve));
  const plugin = await h.restart({
    credentialsRefreshMarginSeconds: 0,
    federatedTokenRefresher: () =>
      new Promise<string>((resolve) => {
        answer = resolve;
        asked();
      }),
  });
  remember(
    await plugin.federateToIdentityPool(
      await h.token('graph.facebook.com', 'rita', 60),
      AuthProvider.facebook(),
    ),
  );
  const freshToken = await h.token('graph.facebook.com', 'rita');
  h.clock.advance(3_600_000 + 1); // the provider token and the credentials have expired
  const fetch = plugin.fetchAuthSession().catch((error: unknown) => error);
  await refresherAsked;
  const before = h.calls('GetCredentialsForIdentity');
  await plugin.clearFederationToIdentityPool();
  answer(freshToken); // the refresher answers late, after the clear
  await fetch;
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(h.calls('GetCredentialsForIdentity')).toBe(before);
  expect(h.events.map((e) => e.name)).toEqual([
    'FEDERATED_TO_IDENTITY_POOL',
    'FEDERATION_TO_IDENTITY_POOL_CLEARED',
  ]);
});
