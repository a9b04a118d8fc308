// Failures that must leave nothing behind and show no secret: a download canceled mid-body leaves no
// file, and S3's refusal of a bad signature becomes an AccessDeniedException whose text, `inspect`
// output and JSON hold neither the secret key nor the session token.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { Amplify } from '@plugboard/core';
import { createPluginContext } from '@plugboard/core/internals';
import { fromAmplifyAuth } from '@plugboard/auth-cognito-plugin';
import { AccessDeniedException, AWSS3StoragePlugin, CanceledException } from '../src';
import { startStorageWorld, type StorageWorld } from './support/storageWorld';

describe('AWSS3StoragePlugin faults (integration)', () => {
  let w: StorageWorld;
  beforeEach(async () => {
    w = await startStorageWorld();
    await w.federate('alice');
  });
  afterEach(async () => {
    await w.stop();
  });

  it('cancels a download mid-body: CanceledException, and downloadFile leaves no file', async () => {
    await Amplify.Storage.uploadData({ path: 'public/large.bin', data: new Uint8Array(12 * 1024 * 1024) })
      .result;
    const dir = await mkdtemp(join(tmpdir(), 'plugboard-storage-'));
    try {
      const target = join(dir, 'large.bin');
      const task: ReturnType<typeof Amplify.Storage.downloadFile> = Amplify.Storage.downloadFile({
        path: 'public/large.bin',
        localFile: target,
        options: { onProgress: () => task.cancel() },
      });
      const error = await task.result.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CanceledException);
      expect(task.state).toBe('CANCELED');
      expect(existsSync(target)).toBe(false);
      expect(await readdir(dir)).toEqual([]);
      const data: ReturnType<typeof Amplify.Storage.downloadData> = Amplify.Storage.downloadData({
        path: 'public/large.bin',
        options: { onProgress: () => data.cancel() },
      });
      expect(await data.result.catch((e: unknown) => e)).toBeInstanceOf(CanceledException);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("maps S3's refusal of a forged signature to AccessDeniedException without any secret in it", async () => {
    const real = fromAmplifyAuth();
    const issued = await real();
    // The real access key id and session token, signed with a wrong secret key.
    const forged = new AWSS3StoragePlugin({
      clientFactory: (bucket, endpoint) =>
        new S3Client({
          region: bucket.region,
          ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
          credentials: async () => ({
            ...(await real()),
            secretAccessKey: 'not-the-secret-key-0000000000000000000000',
          }),
          maxAttempts: 1,
        }),
    });
    // Configured by hand beside the world's plugin: the Auth category stays as it is.
    forged.configure(
      w.config.storage?.plugins?.awsS3StoragePlugin,
      createPluginContext('storage', 'awsS3StoragePlugin'),
    );
    const error = await forged
      .uploadData({ path: 'public/forged.txt', data: 'x' })
      .result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccessDeniedException);
    expect((error as AccessDeniedException).metadata).toMatchObject({
      serviceErrorName: 'SignatureDoesNotMatch',
      httpStatusCode: 403,
    });
    const shown = [
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
    ].join('\n');
    for (const c of w.tap.issued()) {
      expect(shown).not.toContain(c.secretAccessKey);
      expect(shown).not.toContain(c.sessionToken);
    }
    expect(issued.secretAccessKey).toBeTruthy();
    expect(w.s3.store.objects.has('public/forged.txt')).toBe(false);
  });
});
