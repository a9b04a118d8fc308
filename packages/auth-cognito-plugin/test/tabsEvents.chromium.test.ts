// Issue 23 in a real browser, every tab told: a change made in one tab (sign-out, federation) reaches the
// other tabs of the origin through localStorage's `storage` events; each moves its own session and
// publishes the same Hub event, with `data.source: 'another-context'`. One headless Chromium profile,
// the identity emulator and cognito-local behind the SRP front (support/tabsSuite.ts).
import { chromiumAvailable } from './support/chromium';
import { callIn, tab, until, type TabEvent } from './support/tabs';
import { tabsSuite } from './support/tabsSuite';

const run = chromiumAvailable('several-tabs events Chromium test') ? describe : describe.skip;

run("every tab told of another tab's change (Chromium, shared localStorage)", () => {
  const suite = tabsSuite();

  /** The first event named `name` the tab published with data.source 'another-context'. */
  const fromAnother = (page: Parameters<typeof tab>[0], name: string) =>
    until(
      async () =>
        (await tab(page, 'events')).find(
          (e: TabEvent) =>
            e.name === name && (e.data as { source?: string } | null)?.source === 'another-context',
        ),
      5_000,
    );

  it('sign-out in tab B: tab A publishes SIGNED_OUT within a second and reports signed out', async () => {
    const {
      tabs: [a, b],
    } = await suite.signedInTabs(2);
    expect(await callIn(b!, 'signOut')).toMatchObject({ signedOutLocally: true });
    const event = await fromAnother(a!, 'SIGNED_OUT');
    const own = (await tab(b!, 'events')).map((e) => [e.name, e.data, e.at] as const);
    expect(own).toEqual([['SIGNED_OUT', null, expect.any(Number)]]);
    expect(event.at - own[0]![2]).toBeLessThan(1_000);
    expect((await tab(a!, 'events')).map((e) => e.name)).toEqual(['SIGNED_IN', 'SIGNED_OUT']);
    const session = await tab(a!, 'fetchAt', 0);
    expect(session.isSignedIn).toBe(false);
    expect(session.tokensError).toBeDefined();
    await expect(callIn(a!, 'getCurrentUser')).rejects.toThrow(/SignedOutException/);
  }, 30_000);

  it('federation in tab A: tab B is told, and its fetchAuthSession returns that identity without a request', async () => {
    const b = await suite.open('config=identity');
    const {
      tabs: [a],
      identityId,
      key,
    } = await suite.federatedTabs(1);
    const since = suite.emulator.requests().length;
    const event = await fromAnother(b, 'FEDERATED_TO_IDENTITY_POOL');
    expect(event.data).toEqual({ identityId, providerName: 'graph.facebook.com', source: 'another-context' });
    const own = (await tab(a!, 'events')).find((e) => e.name === 'FEDERATED_TO_IDENTITY_POOL')!;
    expect(event.at - own.at).toBeLessThan(1_000);
    const session = await tab(b, 'fetchAt', 0);
    expect(session).toMatchObject({ identityId, accessKeyId: key });
    expect(suite.emulator.requests().length).toBe(since);
    // And back: clearing in tab A is followed by tab B.
    expect(await callIn(a!, 'clearFederationToIdentityPool')).toBeNull();
    await fromAnother(b, 'FEDERATION_TO_IDENTITY_POOL_CLEARED');
    expect((await tab(b, 'fetchAt', 0)).identityId).toBeUndefined();
  }, 30_000);
});
