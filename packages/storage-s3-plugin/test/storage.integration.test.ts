// The S3 plugin end to end: identities federated through the identity emulator, every request signed
// with the credentials Cognito issued and verified by the local S3's SigV4 check and role policy.
import { inspect } from 'node:util';
import { Amplify, Hub, HubChannel } from '@plugboard/core';
import {
  AccessDeniedException,
  CanceledException,
  NotFoundException,
  ValidationException,
  type StorageHubEvent,
} from '../src';
import { startStorageWorld, type StorageWorld } from './support/storageWorld';
import { BUCKET } from '../../../examples/federation-demo/src/game/signedS3';

const KB = new Uint8Array(1024).map((_, i) => i % 251);

describe('AWSS3StoragePlugin (integration)', () => {
  let w: StorageWorld;
  let events: StorageHubEvent[];
  let unsubscribe: () => void;
  beforeEach(async () => {
    w = await startStorageWorld();
    events = [];
    const token = Hub.subscribe(HubChannel.STORAGE, (event) => void events.push(event));
    unsubscribe = () => token.unsubscribe();
  });
  afterEach(async () => {
    unsubscribe();
    await w.stop();
  });

  it('uploads 1 KB to the private path of the federated identity and reads it back', async () => {
    const identityId = await w.federate('alice');
    const task = Amplify.Storage.uploadData({
      path: ({ identityId }) => `private/${identityId}/a.bin`,
      data: KB,
    });
    const uploaded = await task.result;
    expect(uploaded).toMatchObject({ path: `private/${identityId}/a.bin`, size: 1024 });
    expect(task.state).toBe('SUCCESS');
    const stored = w.s3.store.objects.get(`private/${identityId}/a.bin`);
    expect(Buffer.compare(stored!.body, Buffer.from(KB))).toBe(0);
    const down = await Amplify.Storage.downloadData({ key: 'a.bin', options: { accessLevel: 'private' } })
      .result;
    expect(new Uint8Array(await (await down.body.blob()).arrayBuffer())).toEqual(KB);
    const put = w.s3.records().find((r) => r.operation === 'PutObject')!;
    expect(put).toMatchObject({ status: 200, identityId });
    expect(events.map((e) => e.name)).toEqual(['UPLOAD_SUCCEEDED', 'DOWNLOAD_SUCCEEDED']);
  });

  it('lists with pagination and sub-path exclusion', async () => {
    await w.federate('alice');
    for (const name of ['1', '2', '3', '4', '5', 'sub/6'])
      await Amplify.Storage.uploadData({ path: `public/list/${name}`, data: name }).result;
    const first = await Amplify.Storage.list({ path: 'public/list/', options: { pageSize: 2 } });
    expect(first.items.map((i) => i.path)).toEqual(['public/list/1', 'public/list/2']);
    const second = await Amplify.Storage.list({
      path: 'public/list/',
      options: { pageSize: 2, nextToken: first.nextToken! },
    });
    expect(second.items.map((i) => i.path)).toEqual(['public/list/3', 'public/list/4']);
    const all = await Amplify.Storage.list({ path: 'public/list/', options: { listAll: true } });
    expect(all.items).toHaveLength(6);
    expect(all.nextToken).toBeUndefined();
    const flat = await Amplify.Storage.list({
      path: 'public/list/',
      options: { subpathStrategy: { strategy: 'exclude' } },
    });
    expect(flat.items.map((i) => i.path)).not.toContain('public/list/sub/6');
    expect(flat.excludedSubpaths).toEqual(['public/list/sub/']);
  });

  it('presigns a URL that plain fetch can read until it expires', async () => {
    await w.federate('alice');
    await Amplify.Storage.uploadData({
      path: 'public/hello.txt',
      data: 'hello',
      options: { contentType: 'text/plain' },
    }).result;
    const { url, expiresAt } = await Amplify.Storage.getUrl({
      path: 'public/hello.txt',
      options: { expiresIn: 60 },
    });
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(50_000);
    const answer = await fetch(url);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('hello');
    const forged = new URL(url);
    forged.pathname = forged.pathname.replace('hello', 'other');
    expect((await fetch(forged)).status).toBe(403);
    await expect(
      Amplify.Storage.getUrl({ path: 'public/none', options: { validateObjectExistence: true } }),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('gets properties, copies and removes', async () => {
    const identityId = await w.federate('alice');
    await Amplify.Storage.uploadData({
      path: 'public/p.json',
      data: '{"a":1}',
      options: { contentType: 'application/json', metadata: { level: '3' } },
    }).result;
    const props = await Amplify.Storage.getProperties({ path: 'public/p.json' });
    expect(props).toMatchObject({ size: 7, contentType: 'application/json', metadata: { level: '3' } });
    const copied = await Amplify.Storage.copy({
      source: { path: 'public/p.json' },
      destination: { key: 'p.json', accessLevel: 'protected' },
    });
    expect(copied.path).toBe(`protected/${identityId}/p.json`);
    expect(await (await Amplify.Storage.downloadData({ path: copied.path }).result).body.json()).toEqual({
      a: 1,
    });
    await Amplify.Storage.remove({ path: 'public/p.json' });
    await expect(Amplify.Storage.getProperties({ path: 'public/p.json' })).rejects.toBeInstanceOf(
      NotFoundException,
    );
    expect(events.map((e) => e.name)).toContain('REMOVED');
  });

  it("keeps another identity out of a private/ object (refused before any request, and by S3's policy)", async () => {
    const alice = await w.federate('alice');
    await Amplify.Storage.uploadData({ path: `private/${alice}/secret.txt`, data: 'mine' }).result;
    await w.federate('bob');
    const before = w.s3.records().length;
    const refused = await Amplify.Storage.downloadData({ path: `private/${alice}/secret.txt` }).result.catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(AccessDeniedException);
    expect(w.s3.records()).toHaveLength(before);
    // Bob's own client, bypassing the plugin's check, is refused by the server.
    const { s3Client } = w.storage.getEscapeHatch();
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    const denied = await s3Client
      .send(new GetObjectCommand({ Bucket: BUCKET, Key: `private/${alice}/secret.txt` }))
      .catch((e: unknown) => e);
    expect((denied as { name: string }).name).toBe('AccessDenied');
  });

  it('refuses an upload once the federation is cleared (no guest access)', async () => {
    await w.federate('alice');
    await Amplify.Storage.uploadData({ path: 'public/before.txt', data: 'x' }).result;
    await w.auth.clearFederationToIdentityPool();
    const before = w.s3.records().length;
    const error = await Amplify.Storage.uploadData({ path: 'public/after.txt', data: 'x' }).result.catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AccessDeniedException);
    expect(w.s3.records()).toHaveLength(before);
    expect(w.s3.store.objects.has('public/after.txt')).toBe(false);
  });

  it('rejects bad input with ValidationException before any request', async () => {
    await w.federate('alice');
    const before = w.s3.records().length;
    const bad: unknown[] = [
      Amplify.Storage.uploadData({ path: '', data: 'x' }).result,
      Amplify.Storage.uploadData({ path: '/abs', data: 'x' }).result,
      Amplify.Storage.uploadData({ path: 'public/x', data: 42 as never }).result,
      Amplify.Storage.list({ path: 'public/', options: { pageSize: 0 } }),
      Amplify.Storage.getUrl({ path: 'public/x', options: { expiresIn: 8 * 86400 } }),
      Amplify.Storage.getProperties({ path: 'public/x', options: { bucket: 'unknown-bucket' } }),
      Amplify.Storage.remove(null as never),
    ];
    for (const pending of bad) {
      const error = await (pending as Promise<unknown>).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationException);
      expect((error as ValidationException).recoverySuggestion).toBeTruthy();
    }
    expect(w.s3.records()).toHaveLength(before);
  });

  it('answers in the callback form', async () => {
    await w.federate('alice');
    await Amplify.Storage.uploadData({ path: 'public/cb.txt', data: 'cb' }).result;
    const url = await new Promise<URL>((resolve, reject) =>
      Amplify.Storage.getUrl({ path: 'public/cb.txt' }, (r) => resolve(r.url), reject),
    );
    expect(url.pathname).toContain('public/cb.txt');
    const error = await new Promise((resolve) =>
      Amplify.Storage.getProperties({ path: 'public/none' }, () => resolve('no'), resolve),
    );
    expect(error).toBeInstanceOf(NotFoundException);
  });

  it('delivers a transfer to callbacks too, and refuses half a callback pair', async () => {
    await w.federate('alice');
    const done = await new Promise<string>((resolve, reject) =>
      Amplify.Storage.uploadData({ path: 'public/cb2.txt', data: 'cb' }, (r) => resolve(r.path), reject),
    );
    expect(done).toBe('public/cb2.txt');
    const body = await new Promise<string>((resolve, reject) =>
      Amplify.Storage.downloadData(
        { path: 'public/cb2.txt' },
        (r) => void r.body.text().then(resolve),
        reject,
      ),
    );
    expect(body).toBe('cb');
    const sent = w.s3.records().length;
    expect(() => Amplify.Storage.list({ path: 'public/' }, () => undefined, undefined as never)).toThrow(
      ValidationException,
    );
    expect(() =>
      Amplify.Storage.uploadData({ path: 'public/x', data: 'x' }, undefined as never, () => undefined),
    ).toThrow(ValidationException);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(w.s3.records()).toHaveLength(sent);
  });

  it('cancels a download and reports CanceledException; errors never show a secret', async () => {
    await w.federate('alice');
    const task = Amplify.Storage.downloadData({ path: 'public/missing' });
    task.cancel();
    const error = await task.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CanceledException);
    expect(task.state).toBe('CANCELED');
    const issued = w.tap.issued();
    const shown = inspect(error, { depth: 8, showHidden: true }) + JSON.stringify(error);
    for (const c of issued) {
      expect(shown).not.toContain(c.secretAccessKey);
      expect(shown).not.toContain(c.sessionToken);
    }
  });
});

describe('AWSS3StoragePlugin with guest access (integration)', () => {
  let w: StorageWorld;
  beforeEach(async () => {
    w = await startStorageWorld({ allowGuests: true });
  });
  afterEach(async () => {
    await w.stop();
  });

  it('signs a signed-out caller with guest credentials, under the guest identity', async () => {
    const { path } = await Amplify.Storage.uploadData({
      key: 'guest.txt',
      data: 'hi',
      options: { accessLevel: 'private' },
    }).result;
    const guest = /^private\/([^/]+)\/guest\.txt$/.exec(path)?.[1];
    expect(guest).toMatch(/^us-east-1:/);
    expect(w.s3.records().at(-1)).toMatchObject({ operation: 'PutObject', identityId: guest, status: 200 });
    expect(
      await await Amplify.Storage.downloadData({ path: 'public/none.txt' }).result.catch((e: unknown) => e),
    ).toBeInstanceOf(NotFoundException);
  });
});
