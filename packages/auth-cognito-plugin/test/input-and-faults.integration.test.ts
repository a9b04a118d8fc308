import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Amplify,
  InvalidParameterException,
  InvalidStateException,
  NetworkException,
  ServiceException,
  TooManyRequestsException,
} from '@plugboard/core';
import { AuthProvider, AWSCognitoAuthPlugin } from '../src';
import { remember, startHarness, type Harness } from './support/harness';
import { secretScan } from './support/secrets';

describe('AWSCognitoAuthPlugin input checks and faults', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  /** Federates once, then checks that `act` fails with `type`, sends nothing, and leaves the session. */
  async function expectRefusedWithoutRequest(
    act: () => Promise<unknown>,
    type: abstract new (...a: never[]) => Error,
  ) {
    const first = remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    const before = h.emulator.requests().length;
    const events = h.events.length;
    const error = await act().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(type);
    expect((error as { recoverySuggestion: string }).recoverySuggestion.length).toBeGreaterThan(10);
    expect(h.emulator.requests().length).toBe(before);
    expect(h.events.length).toBe(events);
    expect((await h.plugin.fetchAuthSession()).identityIdResult).toEqual({
      type: 'SUCCESS',
      value: first.identityId,
    });
  }

  it.each([
    ['an empty token', () => ''],
    ['a blank token', () => '   '],
    ['a non-string token', () => 12345 as unknown as string],
    ['a 50,001-character token', () => 'a'.repeat(50_001)],
  ])('rejects %s before any request', async (_, token) => {
    await expectRefusedWithoutRequest(
      () => h.plugin.federateToIdentityPool(token(), AuthProvider.facebook()),
      InvalidParameterException,
    );
  });

  it.each([
    ['a provider name string', 'graph.facebook.com'],
    ['a look-alike object', { providerName: 'graph.facebook.com' }],
    ['null', null],
  ])('rejects %s as provider before any request', async (_, provider) => {
    const token = await h.token();
    await expectRefusedWithoutRequest(
      () => h.plugin.federateToIdentityPool(token, provider as unknown as AuthProvider),
      InvalidParameterException,
    );
  });

  it.each([
    ['a string', 'us-east-1:abc'],
    ['a wrongly typed id', { developerProvidedIdentityId: 7 }],
    ['a malformed id', { developerProvidedIdentityId: 'not-an-identity' }],
    ['an unknown key', { identityId: 'us-east-1:0a' }],
  ])('rejects options that are %s before any request', async (_, options) => {
    const token = await h.token();
    await expectRefusedWithoutRequest(
      () => h.plugin.federateToIdentityPool(token, AuthProvider.facebook(), options as never),
      InvalidParameterException,
    );
  });

  it('rejects fetchAuthSession options of the wrong type', async () => {
    await expectRefusedWithoutRequest(
      () => h.plugin.fetchAuthSession({ forceRefresh: 'yes' as never }),
      InvalidParameterException,
    );
  });

  it('rejects calls before configure with InvalidStateException, in both styles', async () => {
    const plugin = new AWSCognitoAuthPlugin();
    const token = await h.token();
    await expect(plugin.federateToIdentityPool(token, AuthProvider.facebook())).rejects.toBeInstanceOf(
      InvalidStateException,
    );
    await expect(plugin.fetchAuthSession()).rejects.toBeInstanceOf(InvalidStateException);
    await expect(plugin.clearFederationToIdentityPool()).rejects.toThrow(/not configured/);
    const viaCallback = await new Promise((resolve) =>
      plugin.federateToIdentityPool(token, AuthProvider.facebook(), resolve, resolve),
    );
    expect(viaCallback).toBeInstanceOf(InvalidStateException);
  });

  it('rejects bad constructor options naming the option', () => {
    expect(() => new AWSCognitoAuthPlugin({ credentialsRefreshMarginSeconds: -1 })).toThrow(
      /credentialsRefreshMarginSeconds/,
    );
    expect(() => new AWSCognitoAuthPlugin({ storage: {} as never })).toThrow(/storage/);
    expect(() => new AWSCognitoAuthPlugin({ federatedTokenRefresher: 'x' as never })).toThrow(
      /federatedTokenRefresher/,
    );
    expect(() => new AWSCognitoAuthPlugin({ storag: 1 } as never)).toThrow(/storag/);
    // The message lists the public options only, not the internal subpath's transport seams.
    expect(() => new AWSCognitoAuthPlugin({ storag: 1 } as never)).toThrow(
      expect.objectContaining({ message: expect.not.stringMatching(/identityPoolService|sleep/) }),
    );
  });

  it('throws synchronously when the callback style lacks onError', async () => {
    const token = await h.token();
    expect(() =>
      h.plugin.federateToIdentityPool(token, AuthProvider.facebook(), () => undefined, undefined as never),
    ).toThrow(InvalidParameterException);
  });

  it('survives callbacks that throw: the error is logged and the state is intact', async () => {
    const token = await h.token();
    const logged = secretScan().written.length;
    await new Promise<void>((resolve) =>
      h.plugin.federateToIdentityPool(
        token,
        AuthProvider.facebook(),
        (result) => {
          remember(result);
          setImmediate(resolve);
          throw new Error('app bug in onSuccess');
        },
        () => resolve(),
      ),
    );
    expect(secretScan().written.slice(logged).join('\n')).toContain('app bug in onSuccess');
    expect((await h.plugin.fetchAuthSession()).isSignedIn).toBe(true);
  });

  it.each([
    [
      'a throttle burst beyond the retries',
      { error: 'TooManyRequestsException', times: 10 },
      TooManyRequestsException,
    ],
    ['internal errors', { error: 'InternalErrorException', times: 10 }, ServiceException],
    ['connection resets', { error: 'ECONNRESET', times: 10 }, NetworkException],
  ])('keeps the previous session usable through %s during federate', async (_, fault, type) => {
    const first = remember(
      await h.plugin.federateToIdentityPool(
        await h.token('graph.facebook.com', 'keep'),
        AuthProvider.facebook(),
      ),
    );
    h.emulator.injectFault({ operation: 'GetCredentialsForIdentity', ...fault });
    const error = await h.plugin
      .federateToIdentityPool(await h.token('accounts.google.com', 'other'), AuthProvider.google())
      .then(remember)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    h.emulator.clearFaults();
    const session = await h.plugin.fetchAuthSession();
    expect(session.identityIdResult).toEqual({ type: 'SUCCESS', value: first.identityId });
    expect(session.awsCredentialsResult).toEqual({ type: 'SUCCESS', value: first.credentials });
    expect(h.events.map((e) => e.name)).toEqual(['FEDERATED_TO_IDENTITY_POOL']);
  });

  it('retries a short throttle burst and succeeds', async () => {
    h.emulator.injectFault({ operation: 'GetId', error: 'TooManyRequestsException', times: 1 });
    const result = remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    expect(result.identityId).toMatch(/^us-east-1:/);
    expect(h.calls('GetId')).toBe(2);
    // One throttling back-off, below its first bound (1 s), asked of the sleep seam instead of waited out.
    expect(h.backoffs).toHaveLength(1);
    expect(h.backoffs[0]).toBeLessThan(1000);
  });

  it('still federates when the endpoint answers slowly', async () => {
    h.emulator.injectFault({ operation: 'GetId', latencyMs: 300 });
    const result = remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    expect(result.identityId).toMatch(/^us-east-1:/);
  });

  it('maps an unreachable endpoint to NetworkException', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    await Amplify.reset();
    const plugin = new AWSCognitoAuthPlugin();
    Amplify.addPlugin(plugin);
    Amplify.configure({
      auth: {
        plugins: {
          awsCognitoAuthPlugin: {
            CredentialsProvider: {
              CognitoIdentity: {
                Default: {
                  PoolId: h.poolId,
                  Region: 'us-east-1',
                  Endpoint: `http://127.0.0.1:${closedPort}`,
                },
              },
            },
          },
        },
      },
    });
    const error = await plugin
      .federateToIdentityPool('opaque-facebook-token-123', AuthProvider.facebook())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkException);
    expect((error as Error).message).not.toContain('opaque-facebook-token-123');
    expect((await plugin.fetchAuthSession()).isSignedIn).toBe(false);
  });
});
