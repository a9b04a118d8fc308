import { ValidationException } from '../errors.js';
import type { PayloadSource } from '../operations/payloadSource.js';

// Browsers have no local file paths: uploadFile and downloadFile are Node conveniences.
const refuse = (method: string): ValidationException =>
  new ValidationException(
    `${method} reads and writes local file paths, which browsers do not have.`,
    'Use uploadData with a File or Blob, or downloadData and its body.blob().',
  );

export function openFileSource(_localFile: unknown, method: string): Promise<PayloadSource> {
  return Promise.reject(refuse(method));
}

export function writeChunksToFile(
  _chunks: AsyncIterable<Uint8Array>,
  _localFile: unknown,
  method: string,
): Promise<string> {
  return Promise.reject(refuse(method));
}
