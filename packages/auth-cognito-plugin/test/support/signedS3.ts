// A small S3-compatible object store (path-style PUT, GET and HEAD of objects) behind the SigV4 check.
import { createHash } from 'node:crypto';
import type { CredentialsLookup } from './sigv4';
import { startSigV4Server, type SigV4Server } from './sigv4Server';

export interface SignedS3 extends SigV4Server {
  /** Stored objects by `bucket/key` (the key as sent, URL-decoded). */
  readonly objects: Map<string, Buffer>;
}

export async function startSignedS3(options: {
  readonly lookup: CredentialsLookup;
  readonly now?: () => number;
}): Promise<SignedS3> {
  const objects = new Map<string, Buffer>();
  const server = await startSigV4Server({
    lookup: options.lookup,
    service: 's3',
    style: 'xml',
    ...(options.now ? { now: options.now } : {}),
    handle(signed, _credentials, respond) {
      const path = decodeURIComponent(signed.url.split('?')[0]!.slice(1));
      if (!path.includes('/')) {
        respond.error(400, 'NotImplemented', 'Only object operations are implemented.');
        return;
      }
      const etag = (body: Buffer): string => `"${createHash('md5').update(body).digest('hex')}"`;
      if (signed.method === 'PUT') {
        objects.set(path, signed.body);
        respond.send(200, { etag: etag(signed.body) }, '');
        return;
      }
      const object = objects.get(path);
      if (signed.method === 'GET' || signed.method === 'HEAD') {
        if (!object) respond.error(404, 'NoSuchKey', 'The specified key does not exist.');
        else
          respond.send(
            200,
            {
              'content-type': 'application/octet-stream',
              'content-length': String(object.length),
              etag: etag(object),
            },
            signed.method === 'GET' ? object : '',
          );
        return;
      }
      respond.error(405, 'MethodNotAllowed', `${signed.method} is not implemented.`);
    },
  });
  return { ...server, objects };
}
