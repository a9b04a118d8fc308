import { InMemoryKeyValueStorage, type KeyValueStorage, type Logger } from '@plugboard/core';
import { makeCredentials } from '../src/model/credentials';
import { SessionStorageException } from '../src/model/SessionStorageException';
import type { PersistedSession } from '../src/session/AuthState';
import { SessionStore } from '../src/session/SessionStore';

/**
 * Issue 22 class 4 (the plugin's session store): two contexts on one storage never resurrect a cleared
 * session; class 1: a storage that never settles fails the wait at the deadline instead of hanging.
 */
const POOL = 'us-east-1:0a1b2c3d-0000-4000-8000-000000000001';
const NAMESPACE = { identityPoolId: POOL };

function federated(accessKeyId: string): PersistedSession {
  return {
    kind: 'federated',
    session: {
      providerName: 'accounts.google.com',
      providerToken: 'provider-token-abcdef',
      identityId: 'us-east-1:0a1b2c3d-0000-4000-8000-0000000000aa',
      credentials: makeCredentials({
        accessKeyId,
        secretAccessKey: 'secret-access-key-example',
        sessionToken: 'session-token-example',
        expiration: Date.now() + 3_600_000,
      }),
      tokenRejected: false,
    },
  };
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const noop = () => undefined;
  return {
    warnings,
    debug: noop,
    info: noop,
    error: noop,
    warn: (message: string) => void warnings.push(message),
  } as never;
}

describe('two session stores on one storage (two processes or two plugins)', () => {
  it('a refresh written back after the other context cleared loses to the clear, with a warning', async () => {
    const storage = new InMemoryKeyValueStorage();
    const loggerA = recordingLogger();
    const a = new SessionStore(storage, NAMESPACE, loggerA);
    const b = new SessionStore(storage, NAMESPACE, recordingLogger());
    await a.save(federated('ASIAFIRST'));
    expect(await a.load()).not.toBeNull();
    expect(await b.load()).not.toBeNull();
    await b.erase(); // B clears
    // A, still holding the session in memory, refreshes and writes it back: refused.
    await expect(a.save(federated('ASIAREFRESHED'))).rejects.toBeInstanceOf(SessionStorageException);
    expect(await storage.getItem(a.key)).toBeNull();
    expect(loggerA.warnings.join('\n')).toMatch(/cleared by another process or plugin/);
    // A fresh sign-in of A after it saw the clear is written as usual.
    await a.save(federated('ASIANEW'));
    expect(await b.load()).not.toBeNull();
  });

  it('gives no session and a warning for a stored expiration no Date can hold', async () => {
    const storage = new InMemoryKeyValueStorage();
    const logger = recordingLogger();
    const store = new SessionStore(storage, NAMESPACE, logger);
    await store.save(federated('ASIAFIRST'));
    const text = JSON.parse((await storage.getItem(store.key))!) as { credentials: { expiration: number } };
    text.credentials.expiration = 1e303;
    await storage.setItem(store.key, JSON.stringify(text));
    expect(await store.load()).toBeNull();
    expect(logger.warnings).toHaveLength(1);
  });
});

describe('a storage that never settles', () => {
  const never = new Promise<never>(() => undefined);
  const stuck: KeyValueStorage = {
    getItem: () => never,
    setItem: () => never,
    removeItem: () => never,
  };

  it('load ends at the deadline with no session and a warning', async () => {
    const logger = recordingLogger();
    await expect(new SessionStore(stuck, NAMESPACE, logger, 50).load()).resolves.toBeNull();
    expect(logger.warnings).toHaveLength(1);
  });

  it('save and erase end at the deadline with a SessionStorageException', async () => {
    const store = new SessionStore(stuck, NAMESPACE, recordingLogger(), 50);
    await expect(store.save(federated('ASIAFIRST'))).rejects.toBeInstanceOf(SessionStorageException);
    await expect(store.erase()).rejects.toBeInstanceOf(SessionStorageException);
  });
});
