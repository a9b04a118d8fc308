// The cookie storage answers reads at once (model/readNow.ts), so a context restores its session when
// its runtime is built: the same session and state as the queued restore, with nothing queued.
import { Amplify, HubChannel, InMemoryKeyValueStorage, type Logger } from '@plugboard/core';
import {
  AWSCognitoAuthPlugin,
  createCookieStorage,
  runWithAuthContext,
  serializeCookie,
  type CookieAttributes,
  type CookieJar,
} from '../../src';
import { makeCredentials } from '../../src/model/credentials';
import { readNowOf } from '../../src/model/readNow';
import { AuthMachine } from '../../src/session/AuthMachine';
import type { PersistedSession } from '../../src/session/AuthState';
import { SessionStore } from '../../src/session/SessionStore';
import { BrowserCookies } from './cookieSupport';

const NAMESPACE = { identityPoolId: 'us-east-1:0a1b2c3d-0000-4000-8000-000000000001' };

const federated: PersistedSession = {
  kind: 'federated',
  session: {
    providerName: 'accounts.google.com',
    providerToken: 'provider-token-abcdef',
    identityId: 'us-east-1:0a1b2c3d-0000-4000-8000-0000000000aa',
    credentials: makeCredentials({
      accessKeyId: 'ASIAREADNOW',
      secretAccessKey: 'secret-access-key-example',
      sessionToken: 'session-token-example',
      expiration: Date.now() + 3_600_000,
    }),
    tokenRejected: false,
  },
};

function jarOver(browser: BrowserCookies): CookieJar {
  const write = (line: string) => browser.apply([line]);
  return {
    get: (name) => browser.get(name),
    set: (name, value, a: CookieAttributes) => write(serializeCookie(name, value, a)),
    remove: (name, a: CookieAttributes) => write(serializeCookie(name, '', a)),
  };
}

function logger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const noop = () => undefined;
  return {
    warnings,
    debug: noop,
    info: noop,
    error: noop,
    warn: (m: string) => void warnings.push(m),
  } as never;
}

/** A browser holding the session `federated`, written by a store over an earlier request's cookies. */
async function browserWithSession(): Promise<BrowserCookies> {
  const browser = new BrowserCookies();
  await new SessionStore(createCookieStorage(jarOver(browser)), NAMESPACE, logger()).save(federated);
  return browser;
}

describe('reading the cookie storage at once', () => {
  it('answers what getItem resolves to: a value, nothing, and an altered value (no value)', async () => {
    const browser = await browserWithSession();
    const key = new SessionStore(new InMemoryKeyValueStorage(), NAMESPACE, logger()).key;
    const readNow = readNowOf(createCookieStorage(jarOver(browser)))!;
    expect(readNow).toBeInstanceOf(Function);
    const stored = await createCookieStorage(jarOver(browser)).getItem(key);
    expect(stored).toContain('ASIAREADNOW');
    expect(readNow(key)).toBe(stored);
    expect(readNow('missing')).toBeNull();
    const name = browser.names().find((n) => n.endsWith('.session'))!;
    const [kind, digest, payload] = browser.get(name)!.split('.');
    expect(kind).toBe('s'); // stored whole
    browser.set(name, `s.${digest === 'f'.repeat(16) ? '0' : 'f'}${'f'.repeat(15)}.${payload}`);
    expect(readNowOf(createCookieStorage(jarOver(browser)))!(key)).toBeNull();
  });

  it('gives the session store the session load() gives; other storages are read through their promise', async () => {
    const browser = await browserWithSession();
    const store = new SessionStore(createCookieStorage(jarOver(browser)), NAMESPACE, logger());
    const now = store.loadNow();
    expect(now).toEqual(
      await new SessionStore(createCookieStorage(jarOver(browser)), NAMESPACE, logger()).load(),
    );
    expect(now).toMatchObject({ kind: 'federated', session: { identityId: federated.session.identityId } });
    expect(new SessionStore(new InMemoryKeyValueStorage(), NAMESPACE, logger()).loadNow()).toBeUndefined();
    const throwing = createCookieStorage({
      ...jarOver(browser),
      get: () => {
        throw new Error('jar broke');
      },
    });
    const warned = logger();
    expect(new SessionStore(throwing, NAMESPACE, warned).loadNow()).toBeNull();
    expect(warned.warnings.join('\n')).toMatch(/Could not read the stored auth session/);
  });

  it('restores the machine to the state the queued restore reaches, idle at once, publishing nothing', async () => {
    const published: [string, unknown][] = [];
    const hub = { publish: (channel: string, event: unknown) => void published.push([channel, event]) };
    const queued = new AuthMachine(null as never, hub as never, logger());
    queued.start(() => Promise.resolve(federated));
    expect(queued.whenIdle(() => true)).toBeUndefined(); // the restore is a queued step
    await queued.lastQueued();
    const now = new AuthMachine(null as never, hub as never, logger());
    now.restoreNow(federated);
    expect(now.whenIdle((state) => state)).toEqual(queued.state);
    expect(now.state.kind).toBe('federated');
    const signedOut = new AuthMachine(null as never, hub as never, logger());
    signedOut.restoreNow(null);
    expect(signedOut.state.kind).toBe('signedOut');
    expect(published.filter(([channel]) => channel === HubChannel.AUTH)).toEqual([]);
  });
});

describe('an auth context over cookies', () => {
  afterEach(() => Amplify.reset());

  it('reads no cookie unless its work calls auth, then answers from the cookies without a request', async () => {
    Amplify.addPlugin(new AWSCognitoAuthPlugin({ storage: new InMemoryKeyValueStorage() }));
    Amplify.configure({
      auth: {
        plugins: {
          awsCognitoAuthPlugin: {
            CredentialsProvider: {
              CognitoIdentity: { Default: { PoolId: NAMESPACE.identityPoolId, Region: 'us-east-1' } },
            },
          },
        },
      },
    });
    const browser = await browserWithSession();
    const reads: string[] = [];
    const counting = (): CookieJar => {
      const jar = jarOver(browser);
      return { ...jar, get: (name) => (reads.push(name), jar.get(name)) };
    };
    await runWithAuthContext({ storage: createCookieStorage(counting()) }, async () => undefined);
    expect(reads).toEqual([]);
    const session = await runWithAuthContext({ storage: createCookieStorage(counting()) }, (context) =>
      context.plugin.fetchAuthSession(),
    );
    expect(session.identityIdResult).toEqual({ type: 'SUCCESS', value: federated.session.identityId });
    expect(session.awsCredentialsResult).toMatchObject({
      type: 'SUCCESS',
      value: { accessKeyId: 'ASIAREADNOW' },
    });
    expect(reads.length).toBeGreaterThan(0);
  });
});
