import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileKeyValueStorage, InMemoryKeyValueStorage, type KeyValueStorage } from '@plugboard/core';
import { AuthProvider } from '../src';
import { remember, startHarness, type Harness } from './support/harness';

describe('AWSCognitoAuthPlugin persistence', () => {
  let h: Harness | undefined;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plugboard-session-'));
  });
  afterEach(async () => {
    await h?.stop();
    h = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('gives a restarted process the same federated session from a file, without federating again', async () => {
    const file = join(dir, 'session.json');
    h = await startHarness({ storage: new FileKeyValueStorage(file) });
    const first = remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const restarted = await h.restart({ storage: new FileKeyValueStorage(file) });
    const before = h.emulator.requests().length;
    const session = await restarted.fetchAuthSession();
    expect(session.isSignedIn).toBe(true);
    expect(session.identityIdResult).toEqual({ type: 'SUCCESS', value: first.identityId });
    expect(session.awsCredentialsResult).toEqual({ type: 'SUCCESS', value: first.credentials });
    expect(h.emulator.requests().length).toBe(before);
  });

  it('stores nothing after clearFederationToIdentityPool', async () => {
    const storage = new InMemoryKeyValueStorage();
    h = await startHarness({ storage });
    remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    await h.plugin.clearFederationToIdentityPool();
    const restarted = await h.restart({ storage });
    expect((await restarted.fetchAuthSession()).isSignedIn).toBe(false);
  });

  it('starts signed out, without crashing, from a corrupt session file', async () => {
    const file = join(dir, 'session.json');
    h = await startHarness({ storage: new FileKeyValueStorage(file) });
    remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    await writeFile(file, '{ this is not json');
    const restarted = await h.restart({ storage: new FileKeyValueStorage(file) });
    expect((await restarted.fetchAuthSession()).isSignedIn).toBe(false);
  });

  it('starts signed out from a tampered session entry', async () => {
    const storage = new InMemoryKeyValueStorage();
    h = await startHarness({ storage });
    remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    const key = `plugboard.auth.-.${h.poolId}.session`;
    const stored = JSON.parse((await storage.getItem(key))!) as Record<string, unknown>;
    await storage.setItem(key, JSON.stringify({ ...stored, identityId: 42 }));
    const restarted = await h.restart({ storage });
    expect((await restarted.fetchAuthSession()).isSignedIn).toBe(false);
  });

  it('leaves memory and storage unchanged when a storage write fails', async () => {
    const inner = new InMemoryKeyValueStorage();
    let failWrites = false;
    const storage: KeyValueStorage = {
      getItem: (k) => inner.getItem(k),
      setItem: async (k, v) => {
        if (failWrites) throw new Error('disk full');
        await inner.setItem(k, v);
      },
      removeItem: async (k) => {
        if (failWrites) throw new Error('disk full');
        await inner.removeItem(k);
      },
    };
    h = await startHarness({ storage });
    const first = remember(
      await h.plugin.federateToIdentityPool(
        await h.token('graph.facebook.com', 'x'),
        AuthProvider.facebook(),
      ),
    );
    const key = `plugboard.auth.-.${h.poolId}.session`;
    const storedBefore = await inner.getItem(key);
    failWrites = true;
    const events = h.events.length;
    await expect(
      h.plugin
        .federateToIdentityPool(await h.token('accounts.google.com', 'y'), AuthProvider.google())
        .then(remember),
    ).rejects.toThrow();
    await expect(h.plugin.clearFederationToIdentityPool()).rejects.toThrow();
    expect(await inner.getItem(key)).toBe(storedBefore);
    expect(h.events.length).toBe(events);
    const session = await h.plugin.fetchAuthSession();
    expect(session.identityIdResult).toEqual({ type: 'SUCCESS', value: first.identityId });
    expect(JSON.parse(storedBefore!)).toMatchObject({ kind: 'federated', identityId: first.identityId });
  });
});
