/**
 * A small in-memory S3 for the game's player profiles: path-style `PUT` and `GET /<bucket>/<key>`
 * (PutObject, GetObject), with S3's XML errors. Requests reach it only after the front verified them.
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

interface StoredObject {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
}

const xmlEscape = (text: string): string => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Answers an S3-style XML error. */
export function s3Error(res: ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export class ObjectStore {
  private readonly objects = new Map<string, StoredObject>();

  constructor(private readonly buckets: ReadonlySet<string>) {}

  /** The S3 operation name of a request, for the front's records. */
  static operationOf(method: string | undefined): string {
    return method === 'PUT' ? 'PutObject' : method === 'GET' ? 'GetObject' : `${method ?? '?'} (unsupported)`;
  }

  /** Handles one verified request; resolves to the status answered. */
  handle(
    method: string | undefined,
    url: string,
    headers: Record<string, string>,
    body: Buffer,
    res: ServerResponse,
  ): number {
    const path = url.split('?', 1)[0]!;
    const slash = path.indexOf('/', 1);
    const bucket = decodeURIComponent(path.slice(1, slash < 0 ? undefined : slash));
    const key = slash < 0 ? '' : decodeURIComponent(path.slice(slash + 1));
    if (!this.buckets.has(bucket)) {
      s3Error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist.');
      return 404;
    }
    if (key === '' || (method !== 'PUT' && method !== 'GET')) {
      s3Error(res, 501, 'NotImplemented', 'Only PutObject and GetObject are implemented.');
      return 501;
    }
    const id = `${bucket}/${key}`;
    if (method === 'PUT') {
      const etag = `"${createHash('md5').update(body).digest('hex')}"`;
      this.objects.set(id, { body, contentType: headers['content-type'] ?? 'binary/octet-stream', etag });
      res.writeHead(200, { etag, 'content-length': 0 });
      res.end();
      return 200;
    }
    const found = this.objects.get(id);
    if (!found) {
      s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
      return 404;
    }
    res.writeHead(200, {
      etag: found.etag,
      'content-type': found.contentType,
      'content-length': found.body.length,
    });
    res.end(found.body);
    return 200;
  }
}
