import { GetObjectCommand, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { CanceledException, ValidationException } from '../errors.js';
import { mapS3Error } from '../s3/mapS3Error.js';
import { resolveTarget, type StorageContext } from '../s3/StorageContext.js';
import type {
  DownloadDataInput,
  DownloadDataOptions,
  DownloadTask,
  GetPropertiesResult,
  StorageDownloadBody,
} from '../types.js';
import { checkInput } from './checkInput.js';
import { TransferControl } from './TransferControl.js';

function checkOptions(options: DownloadDataOptions | undefined): string | undefined {
  if (options?.onProgress !== undefined && typeof options.onProgress !== 'function')
    throw new ValidationException(
      'downloadData: onProgress must be a function.',
      'Pass a function of { transferredBytes, totalBytes }.',
    );
  const range = options?.bytesRange;
  if (range === undefined) return undefined;
  const ok =
    typeof range === 'object' &&
    range !== null &&
    Number.isInteger(range.start) &&
    Number.isInteger(range.end) &&
    range.start >= 0 &&
    range.end >= range.start;
  if (!ok)
    throw new ValidationException(
      'downloadData: bytesRange must be { start, end } with 0 <= start <= end.',
      'Give whole byte offsets; end is inclusive.',
    );
  return `bytes=${range.start}-${range.end}`;
}

/** The object's properties as a GET answered them. */
export function propertiesOf(key: string, answer: GetObjectCommandOutput): GetPropertiesResult {
  return {
    path: key,
    ...(answer.ContentLength !== undefined ? { size: answer.ContentLength } : {}),
    ...(answer.ContentType ? { contentType: answer.ContentType } : {}),
    ...(answer.ETag ? { eTag: answer.ETag } : {}),
    ...(answer.LastModified ? { lastModified: answer.LastModified } : {}),
    ...(answer.Metadata ? { metadata: answer.Metadata } : {}),
  };
}

/** Async iteration over the SDK's body: a Node stream, or a web ReadableStream in browsers. */
export async function* chunksOf(body: unknown): AsyncGenerator<Uint8Array> {
  if (body && typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
    yield* body as AsyncIterable<Uint8Array>;
    return;
  }
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

export interface StartedDownload {
  readonly key: string;
  readonly bucket: string;
  readonly answer: GetObjectCommandOutput;
}

/** Sends the GET of a download (shared by downloadData and downloadFile). */
export async function startDownload(
  context: StorageContext,
  input: DownloadDataInput,
  control: TransferControl,
  method: string,
): Promise<StartedDownload> {
  const range = checkOptions(input.options);
  const { bucket, key, client } = await resolveTarget(context, input, 'read');
  try {
    if (control.canceled) throw new Error('canceled');
    const answer = await client.send(
      new GetObjectCommand({ Bucket: bucket.bucket, Key: key, ...(range ? { Range: range } : {}) }),
      { abortSignal: control.signal },
    );
    return { key, bucket: bucket.bucket, answer };
  } catch (error) {
    throw failure(context, control, error, method, key, bucket.bucket);
  }
}

/** The typed error of a failed or canceled download, published on the Hub. */
export function failure(
  context: StorageContext,
  control: TransferControl,
  error: unknown,
  method: string,
  key: string,
  bucket: string,
): Error {
  if (control.canceled) {
    context.publish({ name: 'DOWNLOAD_CANCELED', data: { path: key, bucket } });
    return new CanceledException(
      `${method} of '${key}' was canceled.`,
      'Start the download again if you still need it.',
    );
  }
  const mapped = mapS3Error(error, method, key);
  context.publish({ name: 'DOWNLOAD_FAILED', data: { path: key, bucket, errorName: mapped.name } });
  return mapped;
}

/** Reports progress for each chunk read; a throwing callback is logged, never fatal. */
export function progressReporter(
  context: StorageContext,
  options: DownloadDataOptions | undefined,
  total: number | undefined,
) {
  let transferred = 0;
  return (bytes: number): void => {
    transferred += bytes;
    try {
      options?.onProgress?.({
        transferredBytes: transferred,
        ...(total !== undefined ? { totalBytes: total } : {}),
      });
    } catch {
      context.logger.warn('An onProgress callback threw; the download goes on.');
    }
  };
}

function bodyOf(bytes: Uint8Array, contentType: string | undefined): StorageDownloadBody {
  return {
    blob: () =>
      Promise.resolve(new Blob([bytes as Uint8Array<ArrayBuffer>], contentType ? { type: contentType } : {})),
    text: () => Promise.resolve(new TextDecoder().decode(bytes)),
    json: () => Promise.resolve(JSON.parse(new TextDecoder().decode(bytes)) as unknown),
  };
}

/** Downloads an object into memory with progress and cancel. */
export function downloadData(context: StorageContext, raw: DownloadDataInput): DownloadTask {
  const control = new TransferControl();
  const result = (async () => {
    const input = checkInput<DownloadDataInput>(raw, 'downloadData');
    const { key, bucket, answer } = await startDownload(context, input, control, 'downloadData');
    const chunks: Uint8Array[] = [];
    let size = 0;
    const progress = progressReporter(context, input.options, answer.ContentLength);
    try {
      for await (const chunk of chunksOf(answer.Body)) {
        if (control.canceled) throw new Error('canceled');
        chunks.push(chunk);
        size += chunk.byteLength;
        progress(chunk.byteLength);
      }
    } catch (error) {
      throw failure(context, control, error, 'downloadData', key, bucket);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    control.finish('SUCCESS');
    context.publish({ name: 'DOWNLOAD_SUCCEEDED', data: { path: key, size, bucket } });
    return { ...propertiesOf(key, answer), size, body: bodyOf(bytes, answer.ContentType) };
  })();
  result.catch(() => control.finish('ERROR'));
  return {
    result,
    cancel: () => void control.cancel(),
    get state() {
      return control.state;
    },
  };
}
