import { Amplify, NetworkException } from '@plugboard/core';
import { AuthProvider } from '../src';
import { delay, startingCallSignal, withDeadlines } from '../src/clients/deadline';
import { type IdentityPoolService, pluginWithTransports } from '../src/internal';

/** Issue 22 class 1: the call deadline covers the user-pool service's `calls` too; back-offs end when abandoned. */
describe('withDeadlines', () => {
  it('bounds the methods of the nested calls object (SRP, sign-up...) with the same deadline', async () => {
    const never = () => new Promise<never>(() => undefined);
    const service = withDeadlines({ signIn: never, calls: { signUp: never } }, 50, 'The user pool');
    await expect(service.signIn()).rejects.toBeInstanceOf(NetworkException);
    await expect(service.calls.signUp()).rejects.toBeInstanceOf(NetworkException);
  });

  it('bounds the device and passkey calls of the user-pool service too', async () => {
    const never = () => new Promise<never>(() => undefined);
    const service = withDeadlines(
      { devices: { listDevices: never }, webAuthn: { list: never } },
      50,
      'The user pool',
    );
    await expect(service.devices.listDevices()).rejects.toBeInstanceOf(NetworkException);
    await expect(service.webAuthn.list()).rejects.toBeInstanceOf(NetworkException);
  });

  it('ends a call at once when its AbortSignal argument aborts', async () => {
    const controller = new AbortController();
    const service = withDeadlines(
      { get: (_signal: AbortSignal) => new Promise<never>(() => undefined) },
      60_000,
      'x',
    );
    const call = service.get(controller.signal);
    controller.abort(new Error('abandoned'));
    await expect(call).rejects.toThrow('abandoned');
  });

  it('hands the started call a signal that aborts when the deadline passes', async () => {
    const seen: (AbortSignal | undefined)[] = [];
    const hang = () => {
      seen.push(startingCallSignal());
      return new Promise<never>(() => undefined);
    };
    const service = withDeadlines({ hang }, 50, 'x');
    expect(startingCallSignal()).toBeUndefined();
    const expired = service.hang();
    expect(startingCallSignal()).toBeUndefined(); // only while the call starts
    expect(seen[0]!.aborted).toBe(false);
    await expect(expired).rejects.toBeInstanceOf(NetworkException);
    expect(seen[0]!.aborted).toBe(true);
    expect(seen[0]!.reason).toBeInstanceOf(NetworkException);
  });
});

describe('delay (the retry back-off)', () => {
  it('rejects at once when its signal aborts', async () => {
    const controller = new AbortController();
    const waiting = delay(60_000, controller.signal);
    controller.abort(new Error('cleared'));
    await expect(waiting).rejects.toThrow('cleared');
  });
});

describe('abandonment reaches the identity service', () => {
  afterEach(async () => {
    await Amplify.reset();
  });

  it('a reset aborts the signal of the GetId in flight (the request ends at once, not at its deadline)', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const identityPoolService: IdentityPoolService = {
      getId: (_pool, _logins, signal) => {
        signals.push(signal);
        return new Promise<never>((_, reject) =>
          signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
        );
      },
      getCredentialsForIdentity: () => Promise.reject(new Error('not reached')),
    };
    await Amplify.reset();
    const plugin = pluginWithTransports({ identityPoolService, requestTimeoutMs: 60_000 });
    Amplify.addPlugin(plugin);
    Amplify.configure({
      auth: {
        plugins: {
          awsCognitoAuthPlugin: {
            CredentialsProvider: {
              CognitoIdentity: {
                Default: { PoolId: 'us-east-1:00000000-0000-4000-8000-000000000000', Region: 'us-east-1' },
              },
            },
          },
        },
      },
    });
    const federating = plugin.federateToIdentityPool('provider-token-abandoned', AuthProvider.google());
    federating.catch(() => undefined);
    for (let i = 0; i < 50 && signals.length === 0; i++) await new Promise((r) => setImmediate(r));
    expect(signals).toHaveLength(1);
    expect(signals[0]).toBeInstanceOf(AbortSignal);
    expect(signals[0]!.aborted).toBe(false);
    await plugin.reset();
    expect(signals[0]!.aborted).toBe(true);
    await expect(federating).rejects.toBeDefined();
  });
});
