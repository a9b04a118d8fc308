// Callback style: whatever an onSuccess / onError callback throws, nothing escapes as an unhandled
// rejection, with logging on (the suite's setup logs everything at VERBOSE).
import fc from 'fast-check';
import { Amplify, InMemoryKeyValueStorage } from '@plugboard/core';
import { AuthProvider, AWSCognitoAuthPlugin } from '../src';
import { type IdentityPoolService, pluginWithTransports } from '../src/internal';
import { makeCredentials } from '../src/model/credentials';

const POOL = 'us-east-1:00000000-0000-4000-8000-000000000000';
const IDENTITY = 'us-east-1:11111111-1111-4111-8111-111111111111';

const service: IdentityPoolService = {
  getId: async () => IDENTITY,
  getCredentialsForIdentity: async () => ({
    identityId: IDENTITY,
    credentials: makeCredentials({
      accessKeyId: 'ASIACALLBACK',
      secretAccessKey: 'callback-secret-'.padEnd(40, 's'),
      sessionToken: 'callback-session-'.padEnd(40, 't'),
      expiration: Date.now() + 3600_000,
    }),
  }),
};

function hostile(kind: string): unknown {
  const throwing = () => {
    throw new Error('trap');
  };
  switch (kind) {
    case 'proxy':
      return new Proxy({}, { get: throwing, getPrototypeOf: throwing, has: throwing, ownKeys: throwing });
    case 'revoked': {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    }
    case 'getters':
      return Object.defineProperties(new Error('x'), {
        name: { get: throwing },
        message: { get: throwing },
        stack: { get: throwing },
      });
    case 'toString':
      return { toString: throwing, [Symbol.toPrimitive]: throwing };
    case 'symbol':
      return Symbol('thrown');
    default:
      return null;
  }
}
const kinds = ['proxy', 'revoked', 'getters', 'toString', 'symbol', 'null'];

describe('callbacks that throw odd values', () => {
  const unhandled: unknown[] = [];
  const listener = (reason: unknown) => void unhandled.push(reason);
  let plugin: AWSCognitoAuthPlugin;

  beforeAll(() => {
    process.on('unhandledRejection', listener);
  });
  afterAll(async () => {
    process.off('unhandledRejection', listener);
    await Amplify.reset();
  });
  beforeEach(async () => {
    await Amplify.reset();
    plugin = pluginWithTransports({
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
  });

  /** Lets pending promise jobs and the unhandled-rejection check run. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('never produces an unhandled rejection, from onSuccess or onError, and the plugin keeps working', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...kinds), fc.boolean(), async (kind, failing) => {
        let called = false;
        const callback = () => {
          called = true;
          throw hostile(kind);
        };
        if (failing) {
          plugin.clearFederationToIdentityPool(() => undefined, callback); // signed out: refused, onError
        } else {
          plugin.fetchAuthSession(callback, () => undefined);
        }
        await settle();
        expect(called).toBe(true);
        expect(unhandled).toEqual([]);
      }),
      { numRuns: 40 },
    );
    const result = await plugin.federateToIdentityPool('provider-token', AuthProvider.google());
    expect(result.identityId).toBe(IDENTITY);
  });

  it('survives a hostile value as the error a federation fails with', async () => {
    const failing: IdentityPoolService = {
      getId: () => Promise.reject(hostile('proxy')),
      getCredentialsForIdentity: () => Promise.reject(hostile('getters')),
    };
    await Amplify.reset();
    plugin = pluginWithTransports({
      identityPoolService: failing,
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
    const error = await new Promise<unknown>((resolve) =>
      plugin.federateToIdentityPool('provider-token', AuthProvider.google(), resolve, resolve),
    );
    expect((error as Error).name).toBe('UnknownException');
    await settle();
    expect(unhandled).toEqual([]);
  });
});
