import { Hub as PlugboardHub, HubChannel } from '@plugboard/core';
import { fetchAuthSession, getCurrentUser, signOut as awsAmplifySignOut } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import {
  startUserPoolEmulator,
  type UserPoolEmulator,
} from '../../../examples/federation-demo/src/localUserPool';
import { forwardAuthEvents } from '../src';
import { capturePrinted, recordAwsAmplifyAuthEvents } from './support/awsHubEvents';
import { startBridgeHarness, type BridgeHarness } from './support/harness';

const PASSWORD = 'Correct-Horse-9';
let users: UserPoolEmulator;
let pool: { poolId: string; clientId: string };
let h: BridgeHarness;

beforeAll(async () => {
  users = await startUserPoolEmulator();
  pool = await users.createPool();
  await users.createUser(pool.poolId, 'bob@example.com', PASSWORD);
}, 30_000);

afterAll(async () => {
  await h?.stop();
  await users.stop();
});

// The user-pool flow's forwarded events (signedIn, federatedToIdentityPool, signedOut) print nothing
// either: no warning about aws-amplify's protected auth channel.
let printed: ReturnType<typeof capturePrinted>;
beforeEach(() => {
  printed = capturePrinted();
});
afterEach(() => {
  expect(printed.stop().filter((line) => /protected/.test(line))).toEqual([]);
});

describe('a Plugboard user-pool session seen by aws-amplify', () => {
  it('gives tokens, identity and credentials to fetchAuthSession, and ends with one signedOut on either side', async () => {
    h = await startBridgeHarness({
      pool: {
        openIdConnectProviders: [
          {
            providerName: `cognito-idp.us-east-1.amazonaws.com/${pool.poolId}`,
            issuer: `${users.endpoint}/${pool.poolId}`,
            jwksUri: `${users.endpoint}/${pool.poolId}/.well-known/jwks.json`,
            audiences: [pool.clientId],
          },
        ],
      },
      auth: {
        user_pool_id: pool.poolId,
        user_pool_client_id: pool.clientId,
        user_pool_endpoint: users.endpoint,
      },
    });
    const recorder = recordAwsAmplifyAuthEvents();
    const stop = forwardAuthEvents(Hub);
    const plugboardEvents: string[] = [];
    const subscription = PlugboardHub.subscribe(HubChannel.AUTH, (e) => void plugboardEvents.push(e.name));
    try {
      // cognito-local has no SRP; the app client allows USER_PASSWORD_AUTH.
      await h.plugin.signIn('bob@example.com', PASSWORD, { authFlowType: 'USER_PASSWORD_AUTH' });
      const plugboard = await h.plugin.fetchAuthSession();

      const session = await fetchAuthSession();

      if (plugboard.userPoolTokensResult.type !== 'SUCCESS' || plugboard.userSubResult.type !== 'SUCCESS')
        throw new Error('Plugboard has no user-pool session');
      expect(session.tokens?.accessToken.toString()).toBe(plugboard.userPoolTokensResult.value.accessToken);
      expect(session.tokens?.idToken?.toString()).toBe(plugboard.userPoolTokensResult.value.idToken);
      expect(session.tokens?.accessToken.payload.sub).toBe(plugboard.userSubResult.value);
      expect(session.userSub).toBe(plugboard.userSubResult.value);
      expect(session.identityId).toBe(
        plugboard.identityIdResult.type === 'SUCCESS' ? plugboard.identityIdResult.value : 'missing',
      );
      expect(session.credentials?.accessKeyId).toMatch(/\S/);
      expect((await getCurrentUser()).userId).toBe(plugboard.userSubResult.value);
      expect(recorder.events[0]).toEqual({
        event: 'signedIn',
        data: { username: expect.any(String), userId: plugboard.userSubResult.value },
      });

      await awsAmplifySignOut();

      expect((await h.plugin.fetchAuthSession()).isSignedIn).toBe(false);
      expect(plugboardEvents).toEqual(['SIGNED_IN', 'SIGNED_OUT']);
      expect(recorder.events.map((e) => e.event)).toEqual(['signedIn', 'signedOut']);
      expect((await fetchAuthSession()).tokens).toBeUndefined();
    } finally {
      subscription.unsubscribe();
      stop();
      recorder.stop();
    }
  });
});
