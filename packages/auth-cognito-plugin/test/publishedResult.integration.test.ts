import { Hub, HubChannel } from '@plugboard/core';
import { AuthProvider } from '../src';
import { startHarness, type Harness } from './support/harness';

/**
 * Issue 22 class 5 (plugin part): a call whose effects are published resolves with them, even when a
 * listener of its event abandons it (here: clears the federation on FEDERATED_TO_IDENTITY_POOL).
 */
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

describe('a listener that clears on FEDERATED_TO_IDENTITY_POOL', () => {
  it('lets the federation resolve with the published result, then the clear applies', async () => {
    const cleared: Promise<void>[] = [];
    const subscription = Hub.subscribe(HubChannel.AUTH, (event) => {
      if (event.name === 'FEDERATED_TO_IDENTITY_POOL') cleared.push(h.plugin.clearFederationToIdentityPool());
    });
    try {
      const result = await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
      expect(result.identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
      await Promise.all(cleared);
      expect(cleared).toHaveLength(1);
      expect(h.events.map((e) => e.name)).toEqual([
        'FEDERATED_TO_IDENTITY_POOL',
        'FEDERATION_TO_IDENTITY_POOL_CLEARED',
      ]);
      // The clear came after the federation: nothing is left.
      const session = await h.plugin.fetchAuthSession();
      expect(session.identityIdResult.type).not.toBe('SUCCESS');
    } finally {
      subscription.unsubscribe();
    }
  });

  it('still abandons a federation cleared before its effects were published', async () => {
    h.emulator.injectFault({ operation: 'GetCredentialsForIdentity', latencyMs: 300 });
    const federation = h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(h.plugin.clearFederationToIdentityPool()).rejects.toBeDefined();
    await expect(federation).rejects.toBeDefined();
    expect(h.events.map((e) => e.name)).toEqual([]);
  });
});
