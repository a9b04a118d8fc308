// Auth contexts (issue 24): the process plugin's options carry over (storage apart), a context that has
// ended refuses with a message about the context, and one context's session is not used inside another
// context's unit of work. Every refusal comes before any request and leaves the stored session as it was.
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  Amplify,
  InvalidParameterException,
  InvalidStateException,
  type AuthException,
  type KeyValueStorage,
} from '@plugboard/core';
import {
  AuthProvider,
  createAuthContext,
  fromAmplifyAuth,
  runWithAuthContext,
  type AuthContext,
  type AWSCognitoAuthSession,
} from '../../src';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ credentialsLifetimeSeconds: 3600 });
});
afterEach(async () => {
  await h.stop();
});

/** A storage over a Map the test can read and compare. */
function mapStorage(): KeyValueStorage & { readonly map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: async (key) => map.get(key) ?? null,
    setItem: async (key, value) => void map.set(key, value),
    removeItem: async (key) => void map.delete(key),
  };
}

/** Federates a user in a context of its own over `storage` (two requests reach the emulator). */
async function federated(storage: KeyValueStorage, subject = 'alice'): Promise<string> {
  const token = await h.token('graph.facebook.com', subject);
  return runWithAuthContext({ storage }, async (context) => {
    const result = await context.plugin.federateToIdentityPool(token, AuthProvider.facebook());
    return result.credentials.accessKeyId;
  });
}

const requests = () => h.emulator.requests().length;

it('inherits the process plugin clock, and a context option overrides it', async () => {
  const storage = mapStorage();
  const accessKeyId = await federated(storage);
  h.clock.advance(2 * 3600_000); // the emulator's and the process plugin's clock: credentials expired
  const before = h.calls('GetCredentialsForIdentity');
  // Its own clock (real time): the credentials are still fresh for it, no refresh.
  const own = await runWithAuthContext({ storage, clock: Date.now }, (context) =>
    context.plugin.fetchAuthSession(),
  );
  expect(own.awsCredentialsResult.type === 'SUCCESS' && own.awsCredentialsResult.value.accessKeyId).toBe(
    accessKeyId,
  );
  expect(h.calls('GetCredentialsForIdentity')).toBe(before);
  // The inherited clock: expired, refreshed once.
  const inherited = (await runWithAuthContext({ storage }, () =>
    Amplify.Auth.fetchAuthSession(),
  )) as AWSCognitoAuthSession;
  expect(h.calls('GetCredentialsForIdentity')).toBe(before + 1);
  expect(
    inherited.awsCredentialsResult.type === 'SUCCESS' && inherited.awsCredentialsResult.value.accessKeyId,
  ).not.toBe(accessKeyId);
});

it('inherits the federated-token refresher of the process plugin', async () => {
  const fresh = await h.token('graph.facebook.com', 'alice');
  const asked: string[] = [];
  const request = new AsyncLocalStorage<string>(); // the app's own request scope
  await h.restart({
    federatedTokenRefresher: async (providerName) => {
      asked.push(`${providerName} for ${request.getStore()}`);
      return fresh;
    },
  });
  const storage = mapStorage();
  const token = await h.token('graph.facebook.com', 'alice', 60); // expires long before the credentials
  const first = await runWithAuthContext({ storage }, (context) =>
    context.plugin.federateToIdentityPool(token, AuthProvider.facebook()),
  );
  h.clock.advance(2 * 3600_000); // provider token and credentials expired: Cognito refuses the old token
  const session = (await request.run('request 2', () =>
    runWithAuthContext({ storage }, (context) => context.plugin.fetchAuthSession()),
  )) as AWSCognitoAuthSession;
  expect(asked).toEqual(['graph.facebook.com for request 2']);
  expect(session.identityIdResult.type === 'SUCCESS' && session.identityIdResult.value).toBe(
    first.identityId,
  );
  expect(session.awsCredentialsResult.type).toBe('SUCCESS');
});

it('checks context options like the plugin constructor, before anything runs', async () => {
  const storage = mapStorage();
  const refused = (options: object) => {
    let error: unknown;
    try {
      createAuthContext(options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidParameterException);
    return (error as AuthException).message;
  };
  expect(refused({ storage, requestTimeoutMs: 0 })).toMatch(/requestTimeoutMs/);
  expect(refused({ storage, credentialsRefreshMarginSeconds: -1 })).toMatch(
    /credentialsRefreshMarginSeconds/,
  );
  expect(refused({ storage, clock: 5 })).toMatch(/clock/);
  // Transport seams of the process plugin are inherited, never named per context.
  expect(refused({ storage, identityPoolService: {} })).toMatch(/no option "identityPoolService"/);
  expect(refused({ storage, region: 'x' })).toMatch(/no option "region"/);
  expect(refused({ clock: Date.now })).toMatch(/storage/);
  expect(requests()).toBe(0);
});

it('refuses every use of a context that has ended, saying so, with no request and the session kept', async () => {
  const storage = mapStorage();
  await federated(storage);
  const stored = new Map(storage.map);
  let kept: AuthContext | undefined;
  let provider: (() => Promise<unknown>) | undefined;
  let late: Promise<unknown> | undefined;
  await runWithAuthContext({ storage }, async (context) => {
    kept = context;
    provider = fromAmplifyAuth();
    await provider(); // works while the context runs
    // Library code that goes on after the request: it runs in the ended context.
    late = new Promise((resolve) => setTimeout(resolve, 20)).then(() => Amplify.Auth.fetchAuthSession());
  });
  const sent = requests();
  const ended = /auth context has ended/;
  await expect(kept!.plugin.fetchAuthSession()).rejects.toThrow(ended);
  await expect(kept!.plugin.fetchAuthSession()).rejects.toBeInstanceOf(InvalidStateException);
  await expect(kept!.plugin.federateToIdentityPool('x', AuthProvider.facebook())).rejects.toThrow(ended);
  await expect(kept!.plugin.clearFederationToIdentityPool()).rejects.toThrow(ended);
  await expect(provider!()).rejects.toThrow(ended);
  await expect(late).rejects.toThrow(ended);
  expect(() => fromAmplifyAuth({ context: kept! })).toThrow(ended);
  expect(() => kept!.plugin.getEscapeHatch()).toThrow(ended);
  const viaCallback = await new Promise<AuthException>((resolve) =>
    kept!.plugin.fetchAuthSession(() => undefined, resolve),
  );
  expect(viaCallback.message).toMatch(ended);
  expect(viaCallback.recoverySuggestion).toMatch(/runWithAuthContext/);
  const refusal = await kept!.plugin.fetchAuthSession().then(
    () => undefined,
    (e: Error) => e.message,
  );
  expect(refusal).not.toMatch(/not configured/);
  // The same for a context the caller disposed.
  const owned = createAuthContext({ storage });
  await owned.dispose();
  await expect(owned.plugin.fetchAuthSession()).rejects.toThrow(ended);
  expect(requests()).toBe(sent);
  expect(storage.map).toEqual(stored);
});

it("refuses one context's session inside another context's work, before any request", async () => {
  const [aStorage, bStorage] = [mapStorage(), mapStorage()];
  const aKey = await federated(aStorage, 'alice');
  await federated(bStorage, 'bob');
  const stored = [new Map(aStorage.map), new Map(bStorage.map)];
  const other = /used inside another auth context/;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let aContext!: AuthContext;
  let aProvider!: () => Promise<{ accessKeyId: string }>;
  const a = runWithAuthContext({ storage: aStorage }, async (context) => {
    aContext = context;
    aProvider = fromAmplifyAuth(); // e.g. an SDK client kept in a module variable across requests
    await gate;
    // Still fine inside its own work.
    return (await aProvider()).accessKeyId;
  });
  await Promise.resolve();
  const sent = requests();
  await runWithAuthContext({ storage: bStorage }, async () => {
    await expect(aContext.plugin.fetchAuthSession()).rejects.toThrow(other);
    await expect(aProvider()).rejects.toThrow(other);
    expect(() => fromAmplifyAuth({ context: aContext })).toThrow(other);
    const owned = createAuthContext({ storage: aStorage });
    await expect(owned.plugin.fetchAuthSession()).rejects.toBeInstanceOf(InvalidStateException);
    await owned.dispose();
  });
  expect(requests()).toBe(sent);
  release();
  expect(await a).toBe(aKey);
  // Outside any context's work, a context the caller created is its own to use.
  const owned = createAuthContext({ storage: aStorage });
  expect((await fromAmplifyAuth({ context: owned })()).accessKeyId).toBe(aKey);
  await owned.dispose();
  expect([aStorage.map, bStorage.map]).toEqual(stored);
});
