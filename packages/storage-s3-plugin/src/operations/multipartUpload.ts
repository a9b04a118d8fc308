import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Logger } from '@plugboard/core';
import type { PayloadSource } from './payloadSource.js';
import type { TransferControl } from './TransferControl.js';

/** S3's smallest part (all but the last) and its largest part count. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;
/** Parts in flight at once: memory stays under this many parts. */
export const QUEUE_SIZE = 4;

export interface MultipartRequest {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  readonly source: PayloadSource;
  /** The first part, already read from a stream source (to learn the stream is large). */
  readonly firstPart?: Uint8Array;
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly control: TransferControl;
  readonly logger: Logger;
  onPartDone(bytes: number): void;
  /** The upload paused itself: a part could not reach S3 even after the SDK's retries. */
  onNetworkPause(): void;
}

/** A failure with no answer from S3 (connection refused or reset, timeout): worth resuming later. */
function isNetworkFault(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: number } };
  return e.name !== 'AbortError' && e.$metadata?.httpStatusCode === undefined;
}

interface Part {
  readonly partNumber: number;
  /** Kept for stream parts (they cannot be read again); sliceable parts are read when sent. */
  body?: Uint8Array;
}

export const partSizeFor = (size: number | undefined): number =>
  size === undefined ? MIN_PART_SIZE : Math.max(MIN_PART_SIZE, Math.ceil(size / MAX_PARTS));

/**
 * A multipart upload with pause and resume, which the SDK's `Upload` helper lacks. Parts go up
 * `QUEUE_SIZE` at a time; pause aborts the parts in flight and keeps those S3 has; resume sends the
 * rest. Each part is one `UploadPart`, which the SDK retries on a dropped connection, so a network fault
 * costs one part, not the upload; a part that still cannot reach S3 pauses the upload (state `PAUSED`,
 * the upload kept open on the server) until the app calls `resume()`. Cancel and any failure abort the upload on the server, so no parts
 * stay stored (and billed). Resolves with the completed object's ETag.
 */
export async function multipartUpload(request: MultipartRequest): Promise<string | undefined> {
  const { client, bucket, key, source, control } = request;
  const partSize = partSizeFor(source.kind === 'sliceable' ? source.size : undefined);
  const created = await client.send(
    new CreateMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      ...(request.contentType ? { ContentType: request.contentType } : {}),
      ...(request.metadata ? { Metadata: { ...request.metadata } } : {}),
    }),
  );
  const uploadId = created.UploadId!;
  const done = new Map<number, string>();
  const retry: Part[] = request.firstPart ? [{ partNumber: 1, body: request.firstPart }] : [];
  let nextNumber = request.firstPart ? 2 : 1;
  let exhausted = false;
  let failure: unknown;
  let reading = Promise.resolve<Part | undefined>(undefined);

  const readNext = async (): Promise<Part | undefined> => {
    if (exhausted) return undefined;
    const partNumber = nextNumber;
    if (source.kind === 'sliceable') {
      if ((partNumber - 1) * partSize >= source.size) return void (exhausted = true);
      nextNumber += 1;
      return { partNumber };
    }
    const body = await source.read(partSize);
    if (body === undefined) return void (exhausted = true);
    nextNumber += 1;
    return { partNumber, body };
  };
  // Stream reads are serialised: parts must come off the stream in order.
  const nextPart = (): Promise<Part | undefined> => {
    const waiting = retry.shift();
    if (waiting) return Promise.resolve(waiting);
    reading = reading.then(readNext, readNext);
    return reading;
  };
  const bodyOf = (part: Part): Promise<Uint8Array> =>
    part.body !== undefined || source.kind !== 'sliceable'
      ? Promise.resolve(part.body!)
      : source.slice((part.partNumber - 1) * partSize, Math.min(part.partNumber * partSize, source.size));

  const worker = async (): Promise<void> => {
    while (!control.paused && !control.canceled && failure === undefined) {
      const part = await nextPart();
      if (part === undefined) return;
      const signal = control.signal;
      try {
        const body = await bodyOf(part);
        const answer = await client.send(
          new UploadPartCommand({
            Bucket: bucket,
            Key: key,
            UploadId: uploadId,
            PartNumber: part.partNumber,
            Body: body,
            ContentLength: body.byteLength,
          }),
          { abortSignal: signal },
        );
        done.set(part.partNumber, answer.ETag!);
        request.onPartDone(body.byteLength);
      } catch (error) {
        if (signal.aborted) retry.push(part);
        else if (isNetworkFault(error)) {
          // Keep the upload (and the parts S3 has) open on the server; the app resumes when it can.
          retry.push(part);
          if (control.pause()) request.onNetworkPause();
        } else if (failure === undefined) failure = error;
        return;
      }
    }
  };

  try {
    for (;;) {
      await Promise.all(Array.from({ length: QUEUE_SIZE }, worker));
      if (control.canceled || failure !== undefined) break;
      if (control.paused) {
        await control.whenResumed();
        continue;
      }
      if (exhausted && retry.length === 0) break;
    }
    if (control.canceled || failure !== undefined) throw failure ?? new Error('canceled');
    const parts = [...done.entries()]
      .sort(([a], [b]) => a - b)
      .map(([PartNumber, ETag]) => ({ PartNumber, ETag }));
    const completed = await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    return completed.ETag;
  } catch (error) {
    await client
      .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }))
      .catch(() =>
        request.logger.warn(
          `Could not abort the multipart upload of '${key}'; S3 lifecycle rules will remove its parts.`,
        ),
      );
    throw error;
  }
}
