/**
 * What an answer may cost: the largest body (after decompression) the plugin reads from any Cognito or
 * hosted-UI endpoint. Real answers are a few kilobytes (tokens included); 1 MiB leaves ample room.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/** An answer larger than {@link MAX_ANSWER_BYTES}: reading stopped, the transfer was aborted. */
export class AnswerTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The answer is larger than ${limit} bytes; reading stopped.`);
    this.name = 'AnswerTooLargeError';
  }
}

/** A 3xx answer: no client of the plugin follows a redirect (it would carry tokens, codes or verifiers elsewhere). */
export class RedirectRefusedError extends Error {
  constructor(readonly status: number) {
    super(`The endpoint answered with a redirect (HTTP ${status || 'opaque'}); redirects are not followed.`);
    this.name = 'RedirectRefusedError';
  }
}

/** A body the transport hands over: a web stream (fetch), a Node stream (http), bytes or text. */
export type AnswerBody =
  ReadableStream<Uint8Array> | AsyncIterable<unknown> | Uint8Array | string | null | undefined;

/**
 * Reads `body` to the end, counting decompressed bytes as they arrive, and stops (cancelling the
 * stream) as soon as more than `maxBytes` came: a small compressed answer that inflates to gigabytes
 * costs at most `maxBytes` of memory.
 */
export async function readCapped(body: AnswerBody, maxBytes: number = MAX_ANSWER_BYTES): Promise<Uint8Array> {
  if (body === null || body === undefined) return new Uint8Array(0);
  if (typeof body === 'string') body = new TextEncoder().encode(body);
  if (body instanceof Uint8Array) {
    if (body.byteLength > maxBytes) throw new AnswerTooLargeError(maxBytes);
    return body;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const take = (chunk: unknown): void => {
    const bytes =
      typeof chunk === 'string'
        ? new TextEncoder().encode(chunk)
        : chunk instanceof Uint8Array
          ? chunk
          : new Uint8Array(chunk as ArrayBuffer);
    total += bytes.byteLength;
    if (total > maxBytes) throw new AnswerTooLargeError(maxBytes);
    chunks.push(bytes);
  };
  if (typeof (body as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        take(value);
      }
    } catch (error) {
      void reader.cancel().catch(() => undefined);
      throw error;
    }
  } else {
    const iterable = body as AsyncIterable<unknown> & { destroy?: (error?: Error) => void };
    try {
      for await (const chunk of iterable) take(chunk);
    } catch (error) {
      iterable.destroy?.();
      throw error;
    }
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
