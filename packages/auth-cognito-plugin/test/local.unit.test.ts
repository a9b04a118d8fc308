// Local operations never wait behind network work, and an abandoned operation's late answer changes
// nothing, stores nothing and publishes nothing (BEHAVIOUR section 8). Fake services whose answers the
// test releases by hand.
import { Amplify, Hub, HubChannel, InMemoryKeyValueStorage, InvalidStateException } from '@plugboard/core';
import { AuthProvider, type UserPoolTokenSet } from '../src';
import { type IdentityPoolService, type UserPoolService, pluginWithTransports } from '../src/internal';
import { makeCredentials } from '../src/model/credentials';

const POOL = 'us-east-1:00000000-0000-4000-8000-000000000000';
const USER_POOL = 'us-east-1_Local';
const IDENTITY = 'us-east-1:11111111-1111-4111-8111-111111111111';
const START = 1_800_000_000_000;

const jwt = (claims: Record<string, unknown>) =>
  ['{"alg":"none"}', JSON.stringify(claims)].map((p) => Buffer.from(p).toString('base64url')).join('.') +
  '.sig';

function gates() {
  const pending: (() => void)[] = [];
  return {
    wait: () => new Promise<void>((resolve) => pending.push(resolve)),
    releaseAll: () => pending.splice(0).forEach((release) => release()),
    get waiting() {
      return pending.length;
    },
  };
}

async function setUp() {
  let offset = 0;
  const now = () => START + offset;
  const gate = gates();
  const tokens = (): UserPoolTokenSet => {
    const exp = Math.floor(now() / 1000) + 3600;
    return {
      accessToken: jwt({ sub: 'user-1', exp, 'cognito:username': 'alice' }),
      idToken: jwt({ sub: 'user-1', exp, 'cognito:username': 'alice' }),
      refreshToken: 'refresh-token-local-test',
      expiresAt: exp * 1000,
    };
  };
  const userPoolService: UserPoolService = {
    signIn: async () => ({ kind: 'tokens', tokens: tokens() }),
    confirmNewPassword: async () => ({ kind: 'tokens', tokens: tokens() }),
    refresh: async () => {
      await gate.wait();
      return tokens();
    },
    globalSignOut: async () => undefined,
    revokeToken: async () => undefined,
    deleteUser: async () => undefined,
  };
  const identityPoolService: IdentityPoolService = {
    getId: async () => {
      await gate.wait();
      return IDENTITY;
    },
    getCredentialsForIdentity: async () => {
      await gate.wait();
      const credentials = makeCredentials({
        accessKeyId: 'ASIALOCAL',
        secretAccessKey: 'local-secret-'.padEnd(40, 's'),
        sessionToken: 'local-session-'.padEnd(40, 't'),
        expiration: now() + 3600_000,
      });
      return { identityId: IDENTITY, credentials };
    },
  };
  const storage = new InMemoryKeyValueStorage();
  await Amplify.reset();
  const plugin = pluginWithTransports({ identityPoolService, userPoolService, storage, clock: now });
  Amplify.addPlugin(plugin);
  Amplify.configure({
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: { CognitoIdentity: { Default: { PoolId: POOL, Region: 'us-east-1' } } },
          CognitoUserPool: { Default: { PoolId: USER_POOL, AppClientId: 'client', Region: 'us-east-1' } },
        },
      },
    },
  });
  const events: string[] = [];
  const subscription = Hub.subscribe(HubChannel.AUTH, (e) => void events.push(e.name));
  const key = `plugboard.auth.${USER_POOL}.${POOL}.session`;
  return {
    plugin,
    gate,
    events,
    stored: () => storage.getItem(key),
    advance: (ms: number) => void (offset += ms),
    stop: () => subscription.unsubscribe(),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

afterEach(async () => {
  await Amplify.reset();
});

describe('local operations while network work waits', () => {
  it('signs out locally at once while a token refresh waits; the late tokens change nothing', async () => {
    const t = await setUp();
    await t.plugin.signIn('alice', 'Correct-Horse-1', { authFlowType: 'USER_PASSWORD_AUTH' });
    t.advance(3600_000 - 60_000); // the tokens are inside the refresh margin
    const fetching = t.plugin.fetchAuthSession({ forceRefresh: true });
    await tick();
    expect(t.gate.waiting).toBe(1); // the refresh is waiting for the service
    const result = await t.plugin.signOut(); // resolves although the service never answered
    expect(result.signedOutLocally).toBe(true);
    expect(await t.stored()).toBeNull();
    t.gate.releaseAll(); // the late answer of the refresh
    for (let i = 0; i < 20; i++) {
      await tick();
      t.gate.releaseAll(); // and whatever the abandoned fetch asks again (guest credentials)
    }
    const session = await fetching;
    expect(session.isSignedIn).toBe(false);
    await expect(t.plugin.getCurrentUser()).rejects.toThrow(/no user signed in/);
    expect(t.events).toEqual(['SIGNED_IN', 'SIGNED_OUT']);
    expect(String(await t.stored())).not.toMatch(/signedIn|refresh-token/); // at most the guest identity
    t.stop();
  });

  it('abandons a federation when the plugin is reset: rejected at once, and its late answer stores nothing', async () => {
    const t = await setUp();
    const federating = t.plugin.federateToIdentityPool('provider-token', AuthProvider.google());
    await tick();
    expect(t.gate.waiting).toBe(1); // GetId waits
    await t.plugin.reset();
    await expect(federating).rejects.toBeInstanceOf(InvalidStateException);
    t.gate.releaseAll();
    for (let i = 0; i < 10; i++) {
      await tick();
      t.gate.releaseAll();
    }
    expect(await t.stored()).toBeNull();
    expect(t.events).toEqual([]);
    t.stop();
  });

  it('keeps call order for operations that are not local', async () => {
    const t = await setUp();
    const order: string[] = [];
    const first = t.plugin
      .federateToIdentityPool('provider-token', AuthProvider.google())
      .then(() => order.push('federate'));
    const second = t.plugin.fetchAuthSession().then((s) => order.push(`fetch ${s.isSignedIn}`));
    for (let i = 0; i < 10; i++) {
      await tick();
      t.gate.releaseAll();
    }
    await Promise.all([first, second]);
    expect(order).toEqual(['federate', 'fetch true']);
    t.stop();
  });
});
