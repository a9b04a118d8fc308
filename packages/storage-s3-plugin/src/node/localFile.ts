import { createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { ValidationException, NotFoundException } from '../errors.js';
import type { PayloadSource } from '../operations/payloadSource.js';

function checkLocalFile(localFile: unknown, method: string): string {
  if (typeof localFile !== 'string' || localFile === '' || localFile.includes('\0'))
    throw new ValidationException(
      `${method}: localFile must be a file path.`,
      'Give the path of a local file.',
    );
  return localFile;
}

/** A local file as a sliceable upload source: parts are read from disk when sent, never the whole file. */
export async function openFileSource(localFile: unknown, method: string): Promise<PayloadSource> {
  const path = checkLocalFile(localFile, method);
  const info = await stat(path).catch((cause: unknown) => {
    throw new NotFoundException(
      `${method}: the local file '${path}' cannot be read.`,
      'Check the path and its permissions.',
      { cause },
    );
  });
  if (!info.isFile())
    throw new ValidationException(`${method}: '${path}' is not a file.`, 'Give the path of a regular file.');
  const handle = await open(path, 'r');
  return {
    kind: 'sliceable',
    size: info.size,
    async slice(start, end) {
      const buffer = Buffer.allocUnsafe(end - start);
      let read = 0;
      while (read < buffer.length) {
        const { bytesRead } = await handle.read(buffer, read, buffer.length - read, start + read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      return buffer.subarray(0, read);
    },
    close: () => handle.close(),
  };
}

/**
 * Streams `chunks` into `localFile` through a temporary file beside it, renamed into place at the end:
 * a failed or canceled download leaves the previous file (or none), never half a file.
 */
export async function writeChunksToFile(
  chunks: AsyncIterable<Uint8Array>,
  localFile: unknown,
  method: string,
  onChunk: (bytes: number) => void,
): Promise<string> {
  const path = checkLocalFile(localFile, method);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.part`);
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onChunk(chunk.byteLength);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(chunks, counter, createWriteStream(temporary, { flags: 'wx' }));
    await rename(temporary, path);
    return path;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
