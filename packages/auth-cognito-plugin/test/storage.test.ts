// Session storage (BEHAVIOUR section 9, plugin side): unreadable or foreign entries mean "no session"
// with a warning; a failed write reaches the caller typed, with its cause, and changes nothing.
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Amplify,
  AuthException,
  FileKeyValueStorage,
  InMemoryKeyValueStorage,
  Logging,
  type KeyValueStorage,
  type LogEntry,
  StorageException,
} from '@plugboard/core';
import { AuthProvider, AWSCognitoAuthPlugin, SessionStorageException } from '../src';
import { type IdentityPoolService, pluginWithTransports } from '../src/internal';
import { makeCredentials } from '../src/model/credentials';
import { recordWritten } from './support/secrets';

const POOL = 'us-east-1:00000000-0000-4000-8000-000000000000';
const IDENTITY = 'us-east-1:11111111-1111-4111-8111-111111111111';
const KEY = `plugboard.auth.-.${POOL}.session`;

const service: IdentityPoolService = {
  getId: async () => IDENTITY,
  getCredentialsForIdentity: async () => ({
    identityId: IDENTITY,
    credentials: makeCredentials({
      accessKeyId: 'ASIASTORAGE',
      secretAccessKey: 'storage-secret-'.padEnd(40, 's'),
      sessionToken: 'storage-session-'.padEnd(40, 't'),
      expiration: Date.now() + 3600_000,
    }),
  }),
};

function configure(storage?: KeyValueStorage): AWSCognitoAuthPlugin {
  const plugin = pluginWithTransports({ identityPoolService: service, ...(storage ? { storage } : {}) });
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
  return plugin;
}

let logs: LogEntry[] = [];
beforeAll(() => {
  Logging.setSink((entry) => {
    logs.push(entry);
    recordWritten(entry);
  });
});
afterAll(async () => {
  // The plugin follows a shared storage (a file watch): stop it before Jest tears the file's environment down.
  await Amplify.reset();
  Logging.setSink((entry) => recordWritten(entry));
});
beforeEach(async () => {
  await Amplify.reset();
  logs = [];
});

describe('default storage on Node', () => {
  it('keeps sessions in memory and says once (info) that they will not survive a restart', async () => {
    configure();
    await Amplify.reset();
    configure();
    const notes = logs.filter((e) => /will not survive a restart/.test(e.message));
    expect(notes.map((e) => e.level)).toEqual(['INFO']);
  });
});

describe('a slow storage read at start-up', () => {
  it('lets a reset complete at once, abandoning the restore without an error logged', async () => {
    let release: () => void = () => undefined;
    const storage: KeyValueStorage = {
      getItem: () => new Promise<null>((resolve) => (release = () => resolve(null))),
      setItem: async () => undefined,
      removeItem: async () => undefined,
    };
    const plugin = configure(storage);
    const fetching = plugin.fetchAuthSession();
    await Amplify.reset(); // the read has not answered
    await expect(fetching).rejects.toThrow(/reset/);
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(logs.filter((e) => e.level === 'ERROR')).toEqual([]);
  });
});

describe('reading a stored session', () => {
  const storedFederation = (overrides: Record<string, unknown>) =>
    JSON.stringify({
      v: 1,
      kind: 'federated',
      providerName: 'accounts.google.com',
      providerToken: 'stored-provider-token',
      identityId: IDENTITY,
      tokenRejected: false,
      ...overrides,
    });

  it.each([
    ['a number', 42],
    ['an object', { v: 1, kind: 'federated' }],
    ['an array', [storedFederation({})]],
  ])('treats a stored value that is %s as no session, with a warning', async (_what, value) => {
    const storage: KeyValueStorage = {
      getItem: async () => value as unknown as string,
      setItem: async () => undefined,
      removeItem: async () => undefined,
    };
    const plugin = configure(storage);
    expect((await plugin.fetchAuthSession()).isSignedIn).toBe(false);
    expect(logs.some((e) => e.level === 'WARN' && /stored auth session/.test(e.message))).toBe(true);
  });

  it.each([
    '../../etc',
    'us-east-1:../../etc',
    'eu-west-1:11111111-1111-4111-8111-111111111111',
    IDENTITY + '/x',
  ])('does not restore the identity id %p: no session, with a warning', async (identityId) => {
    const storage = new InMemoryKeyValueStorage();
    await storage.setItem(KEY, storedFederation({ identityId }));
    const plugin = configure(storage);
    expect((await plugin.fetchAuthSession()).isSignedIn).toBe(false);
    expect(logs.some((e) => e.level === 'WARN' && /unreadable/.test(e.message))).toBe(true);
  });

  it('restores a well-formed entry', async () => {
    const storage = new InMemoryKeyValueStorage();
    await storage.setItem(KEY, storedFederation({}));
    const plugin = configure(storage);
    const session = await plugin.fetchAuthSession();
    expect(session.identityIdResult).toEqual({ type: 'SUCCESS', value: IDENTITY });
  });
});

describe('a storage write that fails', () => {
  /** A storage that refuses writes while `broken` is set. */
  function breakable() {
    const inner = new InMemoryKeyValueStorage();
    const state = { broken: false };
    const storage: KeyValueStorage = {
      getItem: (key) => inner.getItem(key),
      setItem: async (key, value) => {
        if (state.broken)
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        await inner.setItem(key, value);
      },
      removeItem: async (key) => {
        if (state.broken) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        await inner.removeItem(key);
      },
    };
    return { storage, state };
  }

  it('rejects federate with SessionStorageException (cause kept) and stays signed out', async () => {
    const { storage, state } = breakable();
    const plugin = configure(storage);
    state.broken = true;
    const error = await plugin
      .federateToIdentityPool('provider-token', AuthProvider.google())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionStorageException);
    expect(error).toBeInstanceOf(AuthException);
    expect((error as Error).cause).toMatchObject({ code: 'ENOSPC' });
    expect((await plugin.fetchAuthSession()).isSignedIn).toBe(false);
  });

  it('reports a failed clear to the onError callback and keeps the federation', async () => {
    const { storage, state } = breakable();
    const plugin = configure(storage);
    await plugin.federateToIdentityPool('provider-token', AuthProvider.google());
    state.broken = true;
    const error = await new Promise<unknown>((resolve) =>
      plugin.clearFederationToIdentityPool(() => resolve('succeeded'), resolve),
    );
    expect(error).toBeInstanceOf(SessionStorageException);
    expect((error as Error).cause).toMatchObject({ code: 'EACCES' });
    expect((await plugin.fetchAuthSession()).isSignedIn).toBe(true);
  });

  it('reports a real FileKeyValueStorage failure (a directory in the way) the same way', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plugboard-eisdir-'));
    try {
      const path = join(dir, 'session.json');
      await mkdir(path);
      const plugin = configure(new FileKeyValueStorage(path));
      const error = await plugin
        .federateToIdentityPool('provider-token', AuthProvider.google())
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SessionStorageException);
      // The storage's own typed error is kept as the cause, and the system error under it.
      const cause = (error as Error).cause as Error & { cause?: { code?: string } };
      expect(cause).toBeInstanceOf(StorageException);
      expect(cause.cause).toMatchObject({ code: expect.stringMatching(/^E[A-Z]+$/) });
      expect((await plugin.fetchAuthSession()).isSignedIn).toBe(false);
    } finally {
      await Amplify.reset(); // stops the plugin's watch of the folder before the folder goes
      await rm(dir, { recursive: true, force: true });
    }
  });
});
