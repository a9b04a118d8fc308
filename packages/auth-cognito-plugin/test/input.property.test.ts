// Input checks that do not trust `instanceof`, tested over whole classes of inputs (fast-check).
import fc from 'fast-check';
import { Amplify, InMemoryKeyValueStorage, InvalidParameterException } from '@plugboard/core';
import { AuthProvider } from '../src';
import { type IdentityPoolService, pluginWithTransports } from '../src/internal';
import { makeCredentials } from '../src/model/credentials';

const POOL = 'us-east-1:00000000-0000-4000-8000-000000000000';
const IDENTITY = 'us-east-1:11111111-1111-4111-8111-111111111111';

async function setUp() {
  const calls: string[] = [];
  const service: IdentityPoolService = {
    async getId() {
      calls.push('GetId');
      return IDENTITY;
    },
    async getCredentialsForIdentity(identityId) {
      calls.push(`GetCredentialsForIdentity ${identityId}`);
      return {
        identityId: identityId,
        credentials: makeCredentials({
          accessKeyId: 'ASIAPROPERTY',
          secretAccessKey: 'property-secret-'.padEnd(40, 's'),
          sessionToken: 'property-session-'.padEnd(40, 't'),
          expiration: Date.now() + 3600_000,
        }),
      };
    },
  };
  await Amplify.reset();
  const plugin = pluginWithTransports({
    identityPoolService: service,
    storage: new InMemoryKeyValueStorage(),
  });
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
  return { plugin, calls };
}

afterEach(async () => {
  await Amplify.reset();
});

/** Provider names no factory can make: missing, not a string, blank, too long, with control characters. */
const badName = fc.oneof(
  fc.constant(undefined),
  fc.anything().filter((v) => typeof v !== 'string'),
  fc.stringMatching(/^\s*$/),
  fc.string({ minLength: 129, maxLength: 600 }),
  fc
    .tuple(fc.string({ maxLength: 20 }), fc.integer({ min: 0, max: 31 }))
    .map(([s, c]) => s + String.fromCharCode(c)),
);

/** Values that look like, or claim to be, an AuthProvider without being a valid one. */
const forgedProvider = fc.oneof(
  badName.map((name) => {
    const forged = Object.create(AuthProvider.prototype) as AuthProvider;
    if (name !== undefined) Object.defineProperty(forged, 'providerName', { value: name });
    return forged;
  }),
  badName.map((name) => ({ providerName: name })),
  fc.string({ minLength: 1, maxLength: 40 }).map((name) => ({ providerName: name })), // not an AuthProvider
  fc.anything(),
  fc.constant(
    new Proxy(AuthProvider.google(), {
      getOwnPropertyDescriptor() {
        throw new Error('hostile');
      },
    }),
  ),
);

describe('input checks (property-based)', () => {
  it('refuses every forged or malformed provider before any request', async () => {
    const { plugin, calls } = await setUp();
    await fc.assert(
      fc.asyncProperty(forgedProvider, async (provider) => {
        const error = await plugin.federateToIdentityPool('provider-token', provider as AuthProvider).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(InvalidParameterException);
        expect(calls).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts the factories, and an AuthProvider with a valid own name', async () => {
    const { plugin, calls } = await setUp();
    await plugin.federateToIdentityPool('provider-token', AuthProvider.oidc('login.example.com'));
    expect(calls).toEqual(['GetId', `GetCredentialsForIdentity ${IDENTITY}`]);
  });

  it('refuses every developerProvidedIdentityId that is not <pool region>:<uuid>, before any request', async () => {
    const { plugin, calls } = await setUp();
    const region = fc.constantFrom('eu-west-1', 'ap-southeast-2', 'us-west-2', 'us-gov-west-1');
    const badId = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.constantFrom('../../etc', 'us-east-1:../../etc', 'us-east-1:', ':', 'us-east-1:1', IDENTITY + ' '),
      fc.tuple(region, fc.uuid()).map(([r, id]) => `${r}:${id}`), // another region's pool
      fc.uuid().map((id) => `us-east-1:${id.toUpperCase()}x`),
    );
    await fc.assert(
      fc.asyncProperty(badId, async (id) => {
        const error = await plugin
          .federateToIdentityPool('provider-token', AuthProvider.google(), {
            developerProvidedIdentityId: id,
          })
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(error).toBeInstanceOf(InvalidParameterException);
        expect(calls).toEqual([]);
      }),
      { numRuns: 300 },
    );
    await plugin.federateToIdentityPool('provider-token', AuthProvider.google(), {
      developerProvidedIdentityId: 'us-east-1:22222222-2222-4222-8222-222222222222',
    });
    expect(calls).toEqual(['GetCredentialsForIdentity us-east-1:22222222-2222-4222-8222-222222222222']);
  });

  it('refuses any stray argument to a method without options, and the session stays', async () => {
    const { plugin } = await setUp();
    await plugin.federateToIdentityPool('provider-token', AuthProvider.google());
    const stray = fc.anything().filter((v) => v !== undefined && typeof v !== 'function');
    const method = fc.constantFrom(
      'clearFederationToIdentityPool',
      'getCurrentUser',
      'deleteUser',
    ) as fc.Arbitrary<'clearFederationToIdentityPool' | 'getCurrentUser' | 'deleteUser'>;
    await fc.assert(
      fc.asyncProperty(method, stray, async (name, argument) => {
        const call = plugin[name] as (...args: unknown[]) => Promise<unknown>;
        const error = await call.call(plugin, argument).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(InvalidParameterException);
        expect((await plugin.fetchAuthSession()).isSignedIn).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
