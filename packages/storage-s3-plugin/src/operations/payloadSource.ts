import { ValidationException } from '../errors.js';
import type { StorageUploadDataPayload } from '../types.js';

/**
 * Where upload bytes come from. A sliceable source (Blob, buffer, string, local file) can read any
 * range again, so a paused or failed part costs no memory while it waits; a stream is read once, in
 * order, so its parts are kept until S3 has them.
 */
export type PayloadSource =
  | {
      readonly kind: 'sliceable';
      readonly size: number;
      slice(start: number, end: number): Promise<Uint8Array>;
      close?(): Promise<void>;
    }
  | { readonly kind: 'stream'; read(bytes: number): Promise<Uint8Array | undefined>; close(): Promise<void> };

const view = (bytes: Uint8Array): PayloadSource => ({
  kind: 'sliceable',
  size: bytes.byteLength,
  slice: (start, end) => Promise.resolve(bytes.subarray(start, end)),
});

/** The source of an upload's `data`; `ValidationException` for anything else. */
export function payloadSourceOf(data: StorageUploadDataPayload): PayloadSource {
  if (typeof data === 'string') return view(new TextEncoder().encode(data));
  if (data instanceof ArrayBuffer) return view(new Uint8Array(data));
  if (ArrayBuffer.isView(data)) return view(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (typeof Blob !== 'undefined' && data instanceof Blob)
    return {
      kind: 'sliceable',
      size: data.size,
      slice: async (start, end) => new Uint8Array(await data.slice(start, end).arrayBuffer()),
    };
  if (typeof ReadableStream !== 'undefined' && data instanceof ReadableStream) return streamSource(data);
  throw new ValidationException(
    'uploadData: data must be a Blob, an ArrayBuffer, a typed array or DataView, a string or a ReadableStream.',
    'Pass the bytes in one of those forms; for a local file in Node use uploadFile.',
  );
}

/** Reads a stream in pieces of exactly `bytes` (the last may be shorter); undefined at the end. */
function streamSource(stream: ReadableStream<Uint8Array>): PayloadSource {
  const reader = stream.getReader();
  let carry: Uint8Array | undefined;
  let done = false;
  return {
    kind: 'stream',
    async read(bytes) {
      const chunks: Uint8Array[] = [];
      let length = 0;
      while (length < bytes) {
        let chunk = carry;
        carry = undefined;
        if (chunk === undefined) {
          if (done) break;
          const next = await reader.read();
          if (next.done) {
            done = true;
            break;
          }
          chunk = next.value;
        }
        const room = bytes - length;
        if (chunk.byteLength > room) {
          carry = chunk.subarray(room);
          chunk = chunk.subarray(0, room);
        }
        chunks.push(chunk);
        length += chunk.byteLength;
      }
      if (length === 0) return undefined;
      if (chunks.length === 1) return chunks[0];
      const joined = new Uint8Array(length);
      let at = 0;
      for (const chunk of chunks) {
        joined.set(chunk, at);
        at += chunk.byteLength;
      }
      return joined;
    },
    close: () => reader.cancel().catch(() => undefined),
  };
}
