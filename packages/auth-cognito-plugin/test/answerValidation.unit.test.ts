import { Amplify, InMemoryKeyValueStorage, ServiceException } from '@plugboard/core';
import { AuthProvider } from '../src';
import { type IdentityPoolService, pluginWithTransports } from '../src/internal';
import { makeCredentials } from '../src/model/credentials';

/**
 * Issue 22 class 2: every identity-pool answer is validated before it changes state, whatever the
 * service (the built-in client, the SDK client, or a custom one): identity id shape and region,
 * a real future expiration. A refused answer is a ServiceException and nothing is stored or published.
 */
const POOL = 'us-east-1:0a1b2c3d-0000-4000-8000-000000000001';
const GOOD_ID = 'us-east-1:0a1b2c3d-0000-4000-8000-0000000000aa';
const NOW = 1_800_000_000_000;

function service(answer: { id?: string; credentialsId?: string; expiration?: number }): IdentityPoolService {
  return {
    getId: async () => answer.id ?? GOOD_ID,
    getCredentialsForIdentity: async (identityId) => ({
      identityId: answer.credentialsId ?? identityId,
      credentials: makeCredentials({
        accessKeyId: 'ASIAEXAMPLEKEY',
        secretAccessKey: 'secret-access-key-example',
        sessionToken: 'session-token-example',
        expiration: answer.expiration ?? NOW + 3_600_000,
      }),
    }),
  };
}

async function federateWith(answer: Parameters<typeof service>[0]) {
  await Amplify.reset();
  const storage = new (class extends InMemoryKeyValueStorage {
    writes = 0;
    override async setItem(key: string, value: string): Promise<void> {
      this.writes += 1;
      await super.setItem(key, value);
    }
  })();
  const plugin = pluginWithTransports({ identityPoolService: service(answer), clock: () => NOW, storage });
  Amplify.addPlugin(plugin);
  Amplify.configure({
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: { CognitoIdentity: { Default: { PoolId: POOL, Region: 'us-east-1' } } },
        },
      },
    },
  });
  const outcome = await plugin.federateToIdentityPool('provider-token-abcdef', AuthProvider.google()).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  return { outcome, storage, plugin };
}

afterEach(async () => {
  await Amplify.reset();
});

describe.each([
  ['an identity id of another region (GetId)', { id: 'eu-west-1:0a1b2c3d-0000-4000-8000-0000000000aa' }],
  ['a malformed identity id (GetId)', { id: 'not-an-identity-id' }],
  ['a malformed identity id (GetCredentialsForIdentity)', { credentialsId: 'us-east-1:../../etc' }],
  ['an Expiration of 1e300 s', { expiration: 1e303 }],
  ['an expiration in the past', { expiration: NOW - 1000 }],
])('an answer with %s', (_name, answer) => {
  it('is refused with a ServiceException before it changes state', async () => {
    const { outcome, storage, plugin } = await federateWith(answer);
    expect('error' in outcome && outcome.error).toBeInstanceOf(ServiceException);
    expect(storage.writes).toBe(0);
    const session = await plugin.fetchAuthSession();
    expect(session.identityIdResult.type).not.toBe('SUCCESS');
  });
});

it('a valid answer is accepted (the control case)', async () => {
  const { outcome } = await federateWith({});
  expect('value' in outcome && outcome.value.identityId).toBe(GOOD_ID);
});
