// An in-memory S3 (path-style): objects, ListObjectsV2, CopyObject, ranges and multipart uploads,
// answering S3's XML. The signed front (signedS3.ts) hands it only verified requests.
import { createHash, randomBytes } from 'node:crypto';

export interface StoredObject {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
  readonly lastModified: Date;
  readonly metadata: Record<string, string>;
}

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer | string;
}

const xml = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
const esc = (text: string): string => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
const md5 = (body: Buffer): string => createHash('md5').update(body).digest('hex');

export function s3Error(status: number, code: string, message: string): Answer {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: xml(`<Error><Code>${code}</Code><Message>${esc(message)}</Message></Error>`),
  };
}

export class ObjectStore {
  readonly objects = new Map<string, StoredObject>();
  /** Open multipart uploads: upload id -> key and parts. */
  readonly uploads = new Map<string, { key: string; parts: Map<number, Buffer>; contentType: string }>();

  constructor(readonly bucket: string) {}

  handle(
    method: string,
    key: string,
    query: URLSearchParams,
    headers: Record<string, string>,
    body: Buffer,
  ): Answer {
    if (key === '') {
      if (method === 'GET' && query.get('list-type') === '2') return this.list(query);
      return s3Error(501, 'NotImplemented', 'Only ListObjectsV2 is implemented on the bucket.');
    }
    const uploadId = query.get('uploadId');
    if (method === 'POST' && query.has('uploads')) {
      const id = randomBytes(12).toString('hex');
      this.uploads.set(id, {
        key,
        parts: new Map(),
        contentType: headers['content-type'] ?? 'binary/octet-stream',
      });
      return this.xmlAnswer(
        `<InitiateMultipartUploadResult><Bucket>${this.bucket}</Bucket><Key>${esc(key)}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
      );
    }
    if (uploadId !== null) {
      const upload = this.uploads.get(uploadId);
      if (!upload || upload.key !== key)
        return s3Error(404, 'NoSuchUpload', 'The specified upload does not exist.');
      if (method === 'PUT') {
        upload.parts.set(Number(query.get('partNumber')), body);
        return { status: 200, headers: { etag: `"${md5(body)}"` }, body: '' };
      }
      if (method === 'DELETE') {
        this.uploads.delete(uploadId);
        return { status: 204, headers: {}, body: '' };
      }
      if (method === 'POST') return this.complete(uploadId, key, body.toString('utf8'));
    }
    if (method === 'PUT' && headers['x-amz-copy-source']) return this.copy(key, headers['x-amz-copy-source']);
    if (method === 'PUT') {
      const object = this.store(key, body, headers['content-type'], metadataOf(headers));
      return { status: 200, headers: { etag: object.etag }, body: '' };
    }
    if (method === 'DELETE') {
      this.objects.delete(key);
      return { status: 204, headers: {}, body: '' };
    }
    if (method === 'GET' || method === 'HEAD') return this.get(key, headers.range, method === 'HEAD');
    return s3Error(405, 'MethodNotAllowed', `${method} is not allowed here.`);
  }

  private store(
    key: string,
    body: Buffer,
    contentType: string | undefined,
    metadata: Record<string, string>,
    etag?: string,
  ): StoredObject {
    const object = {
      body,
      contentType: contentType ?? 'binary/octet-stream',
      etag: etag ?? `"${md5(body)}"`,
      lastModified: new Date(),
      metadata,
    };
    this.objects.set(key, object);
    return object;
  }

  private xmlAnswer(body: string): Answer {
    return { status: 200, headers: { 'content-type': 'application/xml' }, body: xml(body) };
  }

  private complete(uploadId: string, key: string, request: string): Answer {
    const upload = this.uploads.get(uploadId)!;
    const numbers = [...request.matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]));
    const missing = numbers.find((n) => !upload.parts.has(n));
    if (numbers.length === 0 || missing !== undefined)
      return s3Error(400, 'InvalidPart', 'One or more of the specified parts could not be found.');
    const parts = numbers.map((n) => upload.parts.get(n)!);
    if (parts.slice(0, -1).some((p) => p.length < 5 * 1024 * 1024))
      return s3Error(400, 'EntityTooSmall', 'A part is smaller than the minimum allowed size.');
    const etag = `"${md5(Buffer.concat(parts.map((p) => Buffer.from(md5(p), 'hex'))))}-${parts.length}"`;
    this.store(key, Buffer.concat(parts), upload.contentType, {}, etag);
    this.uploads.delete(uploadId);
    return this.xmlAnswer(
      `<CompleteMultipartUploadResult><Bucket>${this.bucket}</Bucket><Key>${esc(key)}</Key><ETag>${esc(etag)}</ETag></CompleteMultipartUploadResult>`,
    );
  }

  private copy(key: string, source: string): Answer {
    const path = decodeURIComponent(source.replace(/^\//, ''));
    const sourceKey = path.slice(path.indexOf('/') + 1);
    const found = this.objects.get(sourceKey);
    if (!path.startsWith(`${this.bucket}/`) || !found)
      return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    const object = this.store(key, found.body, found.contentType, found.metadata);
    return this.xmlAnswer(
      `<CopyObjectResult><ETag>${esc(object.etag)}</ETag><LastModified>${object.lastModified.toISOString()}</LastModified></CopyObjectResult>`,
    );
  }

  private get(key: string, range: string | undefined, head: boolean): Answer {
    const object = this.objects.get(key);
    if (!object)
      return head
        ? { status: 404, headers: {}, body: '' }
        : s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    let body = object.body;
    let status = 200;
    const headers: Record<string, string> = {
      etag: object.etag,
      'content-type': object.contentType,
      'last-modified': object.lastModified.toUTCString(),
    };
    for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
    const match = range ? /^bytes=(\d+)-(\d+)$/.exec(range) : null;
    if (match) {
      const start = Number(match[1]);
      const end = Math.min(Number(match[2]), object.body.length - 1);
      body = object.body.subarray(start, end + 1);
      status = 206;
      headers['content-range'] = `bytes ${start}-${end}/${object.body.length}`;
    }
    headers['content-length'] = String(body.length);
    return { status, headers, body: head ? '' : body };
  }

  private list(query: URLSearchParams): Answer {
    const prefix = query.get('prefix') ?? '';
    const delimiter = query.get('delimiter') ?? '';
    const max = Number(query.get('max-keys') ?? 1000);
    const after = query.get('continuation-token')
      ? Buffer.from(query.get('continuation-token')!, 'base64url').toString()
      : '';
    const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
    const entries: { key: string; common: boolean }[] = [];
    const seen = new Set<string>();
    for (const k of keys) {
      const rest = k.slice(prefix.length);
      const cut = delimiter ? rest.indexOf(delimiter) : -1;
      const entry = cut >= 0 ? prefix + rest.slice(0, cut + delimiter.length) : k;
      if (seen.has(entry)) continue;
      seen.add(entry);
      entries.push({ key: entry, common: cut >= 0 });
    }
    const start = entries.findIndex((e) => e.key > after);
    const page = start < 0 ? [] : entries.slice(start, start + max);
    const truncated = start >= 0 && start + max < entries.length;
    const contents = page
      .filter((e) => !e.common)
      .map((e) => {
        const o = this.objects.get(e.key)!;
        return `<Contents><Key>${esc(e.key)}</Key><LastModified>${o.lastModified.toISOString()}</LastModified><ETag>${esc(o.etag)}</ETag><Size>${o.body.length}</Size></Contents>`;
      });
    const common = page
      .filter((e) => e.common)
      .map((e) => `<CommonPrefixes><Prefix>${esc(e.key)}</Prefix></CommonPrefixes>`);
    const next = truncated
      ? `<NextContinuationToken>${Buffer.from(page.at(-1)!.key).toString('base64url')}</NextContinuationToken>`
      : '';
    return this.xmlAnswer(
      `<ListBucketResult><Name>${this.bucket}</Name><Prefix>${esc(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents.join('')}${common.join('')}${next}</ListBucketResult>`,
    );
  }
}

function metadataOf(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (name.startsWith('x-amz-meta-')) out[name.slice(11)] = value;
  return out;
}
