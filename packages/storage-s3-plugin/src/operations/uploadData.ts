import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CanceledException, ValidationException } from '../errors.js';
import { mapS3Error } from '../s3/mapS3Error.js';
import { resolveTarget, type StorageContext } from '../s3/StorageContext.js';
import type { UploadDataInput, UploadDataOptions, UploadDataResult, UploadTask } from '../types.js';
import { checkInput } from './checkInput.js';
import { MIN_PART_SIZE, multipartUpload } from './multipartUpload.js';
import { payloadSourceOf, type PayloadSource } from './payloadSource.js';
import { TransferControl } from './TransferControl.js';

function checkOptions(options: UploadDataOptions | undefined): void {
  if (options === undefined) return;
  const { contentType, metadata, onProgress } = options;
  if (contentType !== undefined && (typeof contentType !== 'string' || contentType === ''))
    throw new ValidationException(
      'uploadData: contentType must be a non-empty string.',
      "Use a MIME type such as 'image/png', or leave it out.",
    );
  if (onProgress !== undefined && typeof onProgress !== 'function')
    throw new ValidationException(
      'uploadData: onProgress must be a function.',
      'Pass a function of { transferredBytes, totalBytes }.',
    );
  if (metadata !== undefined) {
    const ok =
      typeof metadata === 'object' &&
      metadata !== null &&
      Object.values(metadata).every((v) => typeof v === 'string');
    if (!ok)
      throw new ValidationException(
        'uploadData: metadata must map names to strings.',
        'Give metadata as { name: "value" }.',
      );
  }
}

/** Wraps a started transfer as the task the app holds. */
export function taskOf(control: TransferControl, result: Promise<UploadDataResult>): UploadTask {
  result.catch(() => undefined); // the app may only use callbacks or state; never an unhandled rejection
  return {
    result,
    pause: () => void control.pause(),
    resume: () => void control.resume(),
    cancel: () => void control.cancel(),
    get state() {
      return control.state;
    },
  };
}

/**
 * Starts an upload: one `PutObject` up to 5 MiB, a multipart upload above (or for a stream longer than
 * one part). Input is checked before any request; `result` rejects with a typed `StorageException`.
 */
export function uploadData(
  context: StorageContext,
  raw: UploadDataInput,
  method = 'uploadData',
  openSource?: () => Promise<PayloadSource>,
): UploadTask {
  const control = new TransferControl();
  const result = (async (): Promise<UploadDataResult> => {
    const input = checkInput<UploadDataInput>(raw, method);
    checkOptions(input.options);
    const source = openSource ? await openSource() : payloadSourceOf(input.data);
    let path: string | undefined;
    let bucketName = '';
    try {
      const { bucket, key, client } = await resolveTarget(context, input, 'write');
      path = key;
      bucketName = bucket.bucket;
      if (control.canceled)
        throw new CanceledException(
          `${method} of '${key}' was canceled.`,
          'Start the upload again if you still need it.',
        );
      const options = input.options ?? {};
      const total = source.kind === 'sliceable' ? source.size : undefined;
      let transferred = 0;
      const progress = (bytes: number): void => {
        transferred += bytes;
        try {
          options.onProgress?.({
            transferredBytes: transferred,
            ...(total !== undefined ? { totalBytes: total } : {}),
          });
        } catch (error) {
          context.logger.warn(
            `An onProgress callback threw; the upload goes on. ${String((error as Error)?.name)}`,
          );
        }
      };
      const contentType =
        options.contentType ?? (raw.data instanceof Blob && raw.data.type ? raw.data.type : undefined);
      const common = { client, bucket: bucket.bucket, key, contentType, metadata: options.metadata };
      let firstPart: Uint8Array | undefined;
      let single: Uint8Array | undefined;
      if (source.kind === 'sliceable' && source.size <= MIN_PART_SIZE)
        single = await source.slice(0, source.size);
      if (source.kind === 'stream') {
        firstPart = (await source.read(MIN_PART_SIZE)) ?? new Uint8Array(0);
        if (firstPart.byteLength < MIN_PART_SIZE) single = firstPart;
      }
      let eTag: string | undefined;
      if (single !== undefined) {
        const answer = await client.send(
          new PutObjectCommand({
            Bucket: common.bucket,
            Key: key,
            Body: single,
            ContentLength: single.byteLength,
            ...(contentType ? { ContentType: contentType } : {}),
            ...(options.metadata ? { Metadata: { ...options.metadata } } : {}),
          }),
          { abortSignal: control.signal },
        );
        eTag = answer.ETag;
        progress(single.byteLength);
      } else {
        control.pausable = true;
        eTag = await multipartUpload({
          ...common,
          source,
          control,
          logger: context.logger,
          onPartDone: progress,
          onNetworkPause: () =>
            context.publish({
              name: 'UPLOAD_PAUSED',
              data: { path: key, bucket: bucketName, reason: 'network' },
            }),
          ...(firstPart ? { firstPart } : {}),
        });
      }
      control.finish('SUCCESS');
      context.publish({
        name: 'UPLOAD_SUCCEEDED',
        data: { path: key, size: transferred, bucket: bucketName },
      });
      return {
        path: key,
        size: transferred,
        ...(eTag ? { eTag } : {}),
        ...(contentType ? { contentType } : {}),
      };
    } catch (error) {
      const where = path ?? '(unresolved)';
      if (control.canceled) {
        context.publish({ name: 'UPLOAD_CANCELED', data: { path: where, bucket: bucketName } });
        throw new CanceledException(
          `${method} of '${where}' was canceled.`,
          'Start the upload again if you still need it.',
        );
      }
      control.finish('ERROR');
      const mapped = mapS3Error(error, method, where);
      if (path !== undefined)
        context.publish({
          name: 'UPLOAD_FAILED',
          data: { path, bucket: bucketName, errorName: mapped.name },
        });
      throw mapped;
    } finally {
      if (source.kind === 'stream' || source.close) await source.close?.();
    }
  })();
  result.catch(() => control.finish('ERROR'));
  return taskOf(control, result);
}
