import { ValidationException } from '../errors.js';
import { openFileSource, writeChunksToFile } from '../node/localFile.js';
import type { StorageContext } from '../s3/StorageContext.js';
import type {
  DownloadFileInput,
  DownloadFileResult,
  DownloadTask,
  UploadFileInput,
  UploadTask,
} from '../types.js';
import { checkInput } from './checkInput.js';
import { chunksOf, failure, progressReporter, propertiesOf, startDownload } from './downloadData.js';
import { TransferControl } from './TransferControl.js';
import { uploadData } from './uploadData.js';

/** Uploads a local file (Node), reading each part from disk as it is sent. */
export function uploadFile(context: StorageContext, raw: UploadFileInput): UploadTask {
  const localFile = (raw as { localFile?: unknown } | null)?.localFile;
  return uploadData(context, { ...(raw as object), data: '' } as never, 'uploadFile', () =>
    openFileSource(localFile, 'uploadFile'),
  );
}

/** Downloads an object into a local file (Node), streamed, with progress and cancel. */
export function downloadFile(
  context: StorageContext,
  raw: DownloadFileInput,
): DownloadTask<DownloadFileResult> {
  const control = new TransferControl();
  const result = (async (): Promise<DownloadFileResult> => {
    const input = checkInput<DownloadFileInput>(raw, 'downloadFile');
    if (typeof input.localFile !== 'string' || input.localFile === '')
      throw new ValidationException(
        'downloadFile: localFile must be a file path.',
        'Give the path to write the object to.',
      );
    const { key, bucket, answer } = await startDownload(context, input, control, 'downloadFile');
    const progress = progressReporter(context, input.options, answer.ContentLength);
    let size = 0;
    const guarded = async function* (): AsyncGenerator<Uint8Array> {
      for await (const chunk of chunksOf(answer.Body)) {
        if (control.canceled) throw new Error('canceled');
        size += chunk.byteLength;
        yield chunk;
      }
    };
    let localFile: string;
    try {
      localFile = await writeChunksToFile(guarded(), input.localFile, 'downloadFile', progress);
    } catch (error) {
      throw failure(context, control, error, 'downloadFile', key, bucket);
    }
    control.finish('SUCCESS');
    context.publish({ name: 'DOWNLOAD_SUCCEEDED', data: { path: key, size, bucket } });
    return { ...propertiesOf(key, answer), size, localFile };
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
