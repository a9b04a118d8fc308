// Large uploads: multipart with parallel parts, pause / resume / cancel mid-way, a connection dropped in
// the middle of a part, and uploadFile / downloadFile streamed through local files.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Amplify, Hub, HubChannel } from '@plugboard/core';
import { BUCKET } from '../../../examples/federation-demo/src/game/signedS3';
import { CanceledException, type StorageHubEvent } from '../src';
import { startStorageWorld, type StorageWorld } from './support/storageWorld';

const MiB = 1024 * 1024;
const bytes = (size: number): Uint8Array => {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i += 4096) data[i] = (i / 4096) % 256;
  return data;
};
const partsOf = (w: StorageWorld, operation: string) =>
  w.s3.records().filter((r) => r.operation === operation);

describe('AWSS3StoragePlugin multipart (integration)', () => {
  let w: StorageWorld;
  let events: StorageHubEvent[];
  let subscription: { unsubscribe(): void };
  beforeEach(async () => {
    w = await startStorageWorld();
    await w.federate('alice');
    events = [];
    subscription = Hub.subscribe(HubChannel.STORAGE, (event) => void events.push(event));
  });
  afterEach(async () => {
    subscription.unsubscribe();
    await w.stop();
  });

  it('uploads 50 MB in 5 MiB parts with progress, and the stored object is byte-identical', async () => {
    const data = bytes(50 * MiB);
    const progress: number[] = [];
    const result = await Amplify.Storage.uploadData({
      path: 'public/big.bin',
      data,
      options: { onProgress: (e) => progress.push(e.transferredBytes) },
    }).result;
    expect(result.size).toBe(50 * MiB);
    expect(result.eTag).toMatch(/-10"$/);
    expect(partsOf(w, 'UploadPart')).toHaveLength(10);
    expect(progress.at(-1)).toBe(50 * MiB);
    expect(Buffer.compare(w.s3.store.objects.get('public/big.bin')!.body, Buffer.from(data))).toBe(0);
    expect(w.s3.store.uploads.size).toBe(0);
  });

  it('pauses mid-way, sends nothing while paused, and resumes to a complete object', async () => {
    w.s3.delayParts(150);
    const data = bytes(30 * MiB);
    let task!: ReturnType<typeof Amplify.Storage.uploadData>;
    let pausedOnce = false;
    const paused = new Promise<void>((resolve) => {
      task = Amplify.Storage.uploadData({
        path: 'public/paused.bin',
        data,
        options: {
          onProgress: () => {
            if (!pausedOnce) {
              pausedOnce = true;
              task.pause();
              resolve();
            }
          },
        },
      });
    });
    await paused;
    expect(task.state).toBe('PAUSED');
    await new Promise((r) => setTimeout(r, 400));
    const whilePaused = w.s3.records().length;
    await new Promise((r) => setTimeout(r, 400));
    expect(w.s3.records()).toHaveLength(whilePaused);
    task.resume();
    const result = await task.result;
    expect(task.state).toBe('SUCCESS');
    expect(result.size).toBe(30 * MiB);
    expect(Buffer.compare(w.s3.store.objects.get('public/paused.bin')!.body, Buffer.from(data))).toBe(0);
  });

  it('cancels mid-way: CanceledException, and the upload is aborted on the server', async () => {
    w.s3.delayParts(100);
    const task: ReturnType<typeof Amplify.Storage.uploadData> = Amplify.Storage.uploadData({
      path: 'public/canceled.bin',
      data: bytes(30 * MiB),
      options: { onProgress: () => task.cancel() },
    });
    const error = await task.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CanceledException);
    expect(task.state).toBe('CANCELED');
    expect(partsOf(w, 'AbortMultipartUpload')).toHaveLength(1);
    expect(events).toContainEqual({
      name: 'UPLOAD_CANCELED',
      data: { path: 'public/canceled.bin', bucket: BUCKET },
    });
    expect(w.s3.store.uploads.size).toBe(0);
    expect(w.s3.store.objects.has('public/canceled.bin')).toBe(false);
  });

  it('survives a connection dropped in the middle of a part: only that part is sent again', async () => {
    w.s3.dropNextPart(1 * MiB);
    const data = bytes(12 * MiB);
    const result = await Amplify.Storage.uploadData({ path: 'public/dropped.bin', data }).result;
    expect(result.size).toBe(12 * MiB);
    // Three parts, one of them sent twice (the dropped attempt never got an answer).
    const answered = partsOf(w, 'UploadPart').filter((r) => r.status === 200);
    expect(new Set(answered.map((r) => r.partNumber))).toEqual(new Set([1, 2, 3]));
    expect(Buffer.compare(w.s3.store.objects.get('public/dropped.bin')!.body, Buffer.from(data))).toBe(0);
  });

  it('uploads a ReadableStream of unknown length: multipart when long, one PutObject when short', async () => {
    const data = bytes(12 * MiB + 123);
    const streamOf = (source: Uint8Array): ReadableStream<Uint8Array> => {
      let at = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= source.length) return controller.close();
          controller.enqueue(source.slice(at, at + 64 * 1024));
          at += 64 * 1024;
        },
      });
    };
    const long = await Amplify.Storage.uploadData({ path: 'public/stream.bin', data: streamOf(data) }).result;
    expect(long.size).toBe(data.length);
    expect(partsOf(w, 'UploadPart')).toHaveLength(3);
    expect(Buffer.compare(w.s3.store.objects.get('public/stream.bin')!.body, Buffer.from(data))).toBe(0);
    const small = bytes(100_000);
    await Amplify.Storage.uploadData({ path: 'public/small-stream.bin', data: streamOf(small) }).result;
    expect(partsOf(w, 'PutObject')).toHaveLength(1);
    expect(Buffer.compare(w.s3.store.objects.get('public/small-stream.bin')!.body, Buffer.from(small))).toBe(
      0,
    );
  });

  it('pauses itself when parts cannot reach S3, keeps the upload open, and resumes when asked', async () => {
    // 8 parts: the outage starts once the first is stored, so the parts sent after it fail.
    const data = bytes(40 * MiB);
    const task: ReturnType<typeof Amplify.Storage.uploadData> = Amplify.Storage.uploadData({
      path: 'public/outage.bin',
      data,
      options: { onProgress: () => w.s3.dropAllParts(64 * 1024) },
    });
    for (let i = 0; i < 200 && task.state !== 'PAUSED'; i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(task.state).toBe('PAUSED');
    expect(events).toContainEqual({
      name: 'UPLOAD_PAUSED',
      data: { path: 'public/outage.bin', bucket: BUCKET, reason: 'network' },
    });
    expect(w.s3.store.uploads.size).toBe(1);
    expect(partsOf(w, 'AbortMultipartUpload')).toHaveLength(0);
    const stored = [...w.s3.store.uploads.values()][0]!.parts.size;
    expect(stored).toBeGreaterThanOrEqual(1);
    w.s3.dropAllParts(undefined);
    task.resume();
    const result = await task.result;
    expect(result.size).toBe(40 * MiB);
    expect(Buffer.compare(w.s3.store.objects.get('public/outage.bin')!.body, Buffer.from(data))).toBe(0);
    // Parts S3 had before the outage were not sent again.
    const answered = partsOf(w, 'UploadPart').filter((r) => r.status === 200);
    expect(answered).toHaveLength(8);
  });

  it('streams a local file up with uploadFile and down with downloadFile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plugboard-storage-'));
    try {
      const data = bytes(7 * MiB);
      await writeFile(join(dir, 'in.bin'), data);
      await Amplify.Storage.uploadFile({ path: 'public/file.bin', localFile: join(dir, 'in.bin') }).result;
      expect(partsOf(w, 'UploadPart')).toHaveLength(2);
      const seen: number[] = [];
      const down = await Amplify.Storage.downloadFile({
        path: 'public/file.bin',
        localFile: join(dir, 'out.bin'),
        options: { onProgress: (e) => seen.push(e.transferredBytes) },
      }).result;
      expect(down.size).toBe(7 * MiB);
      expect(seen.at(-1)).toBe(7 * MiB);
      expect(Buffer.compare(await readFile(join(dir, 'out.bin')), Buffer.from(data))).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
