// An in-memory S3 behind what AWS does with each request: SigV4 verified against the secret key Cognito
// issued (Authorization header: the demo's check; presigned URLs: checked here), then the identity
// pool role's usual policy (public/ for all; protected/{id}/ written by its owner; private/{id}/ its
// owner's alone). Records every request; can drop a connection in the middle of an upload part.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { Sha256, verifySigV4, type CredentialsLookup, type IssuedCredentials } from './sigv4Check';
import { ObjectStore, s3Error, type Answer } from './s3ObjectStore';

export const BUCKET = 'plugboard-test-bucket';

export interface S3Record {
  readonly method: string;
  readonly operation: string;
  readonly key: string;
  readonly identityId?: string;
  readonly status: number;
  readonly partNumber?: number;
}

export interface SignedS3 {
  readonly endpoint: string;
  readonly store: ObjectStore;
  records(): readonly S3Record[];
  /** Destroys the connection of the next UploadPart once `afterBytes` of its body arrived. */
  dropNextPart(afterBytes: number): void;
  /** While on, destroys the connection of every UploadPart once `afterBytes` of its body arrived (an outage). */
  dropAllParts(afterBytes: number | undefined): void;
  /** Delays every UploadPart answer by `ms` (to pause a transfer mid-way). */
  delayParts(ms: number): void;
  stop(): Promise<void>;
}

function operationOf(
  method: string,
  key: string,
  query: URLSearchParams,
  headers: IncomingMessage['headers'],
): string {
  if (key === '') return method === 'GET' ? 'ListObjectsV2' : method;
  if (query.has('uploads')) return 'CreateMultipartUpload';
  if (query.has('uploadId'))
    return method === 'PUT'
      ? 'UploadPart'
      : method === 'DELETE'
        ? 'AbortMultipartUpload'
        : 'CompleteMultipartUpload';
  if (method === 'PUT') return headers['x-amz-copy-source'] ? 'CopyObject' : 'PutObject';
  return { GET: 'GetObject', HEAD: 'HeadObject', DELETE: 'DeleteObject' }[method] ?? method;
}

/** The policy of the identity pool's role: may `identityId` do `write` (or read) on `key`? */
function allowed(key: string, identityId: string | undefined, write: boolean, list: boolean): boolean {
  const [level, owner] = key.split('/');
  if (level === 'private') return owner === identityId && (!list || key.startsWith(`private/${owner}/`));
  if (level === 'protected') return !write || (owner === identityId && key.startsWith(`protected/${owner}/`));
  return true;
}

/** Checks a presigned URL's query signature; the verified credentials, or a refusal. */
async function verifyPresigned(
  url: URL,
  method: string,
  host: string,
  lookup: CredentialsLookup,
  now: number,
): Promise<IssuedCredentials | string> {
  const q = url.searchParams;
  const credential = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/.exec(
    q.get('X-Amz-Credential') ?? '',
  );
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(q.get('X-Amz-Date') ?? '');
  if (!credential || !date) return 'malformed presigned URL';
  const issued = lookup(credential[1]!);
  if (!issued || (issued.sessionToken ?? null) !== q.get('X-Amz-Security-Token')) return 'unknown key';
  const signingDate = new Date(
    Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!, +date[4]!, +date[5]!, +date[6]!),
  );
  const expiresIn = Number(q.get('X-Amz-Expires'));
  if (signingDate.getTime() + expiresIn * 1000 < now) return 'expired URL';
  const query: Record<string, string> = {};
  for (const [name, value] of q) if (!name.startsWith('X-Amz-')) query[name] = value;
  // S3's presigning (unsigned payload, session token in the query), recomputed with the issued secret.
  const signer = new S3RequestPresigner({
    credentials: {
      accessKeyId: issued.accessKeyId,
      secretAccessKey: issued.secretAccessKey,
      ...(issued.sessionToken ? { sessionToken: issued.sessionToken } : {}),
    },
    region: credential[3]!,
    sha256: Sha256,
  });
  const presigned = await signer.presign(
    {
      method,
      protocol: 'http:',
      hostname: host.replace(/:\d+$/, ''),
      path: url.pathname,
      query,
      headers: { host },
    } as never,
    { signingDate, expiresIn },
  );
  return presigned.query?.['X-Amz-Signature'] === q.get('X-Amz-Signature')
    ? issued
    : 'signature does not match';
}

/** Starts it on 127.0.0.1 (any free port); `now` is the service's clock for signatures and URL expiry. */
export async function startSignedS3(
  lookup: CredentialsLookup,
  now: () => number = Date.now,
): Promise<SignedS3> {
  const store = new ObjectStore(BUCKET);
  const records: S3Record[] = [];
  const sockets = new Set<Socket>();
  let drop: number | undefined;
  let outage: number | undefined;
  let partDelay = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://s3.invalid');
    const [, bucket = '', ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const method = req.method ?? 'GET';
    const operation = operationOf(method, key, url.searchParams, req.headers);
    const chunks: Buffer[] = [];
    let received = 0;
    const dropAt = operation === 'UploadPart' ? (drop ?? outage) : undefined;
    if (dropAt !== undefined) drop = undefined;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (dropAt !== undefined && received >= dropAt) req.socket.destroy();
    });
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        let answer: Answer;
        let identityId: string | undefined;
        const presigned = url.searchParams.has('X-Amz-Signature');
        const verdict = presigned
          ? await verifyPresigned(url, method, req.headers.host ?? '', lookup, now())
          : await verifySigV4(
              { method, url: req.url ?? '/', headers: req.headers, body },
              { lookup, service: 's3', now },
            );
        const credentials =
          typeof verdict === 'string'
            ? undefined
            : 'ok' in verdict
              ? verdict.ok
                ? verdict.credentials
                : undefined
              : verdict;
        if (!credentials) {
          answer = s3Error(
            403,
            'SignatureDoesNotMatch',
            `Request refused: ${typeof verdict === 'string' ? verdict : 'ok' in verdict && !verdict.ok ? verdict.message : ''}`,
          );
        } else {
          identityId = credentials.identityId;
          const write = method !== 'GET' && method !== 'HEAD';
          const subject = key === '' ? (url.searchParams.get('prefix') ?? '') : key;
          const source = req.headers['x-amz-copy-source'];
          const sourceKey =
            typeof source === 'string' ? decodeURIComponent(source).replace(/^\/?[^/]+\//, '') : undefined;
          if (bucket !== BUCKET)
            answer = s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist.');
          else if (
            !allowed(subject, identityId, write, key === '') ||
            (sourceKey !== undefined && !allowed(sourceKey, identityId, false, false))
          )
            answer = s3Error(403, 'AccessDenied', 'Access Denied');
          else answer = store.handle(method, key, url.searchParams, flat(req.headers), body);
        }
        if (operation === 'UploadPart' && partDelay > 0) await new Promise((r) => setTimeout(r, partDelay));
        const part = url.searchParams.get('partNumber');
        records.push({
          method,
          operation,
          key,
          status: answer.status,
          ...(identityId ? { identityId } : {}),
          ...(part ? { partNumber: Number(part) } : {}),
        });
        if (res.destroyed) return;
        res.writeHead(answer.status, { ...answer.headers, ...(answer.body && method !== 'HEAD' ? {} : {}) });
        res.end(answer.body);
      })();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    store,
    records: () => [...records],
    dropNextPart: (afterBytes) => void (drop = afterBytes),
    dropAllParts: (afterBytes) => void (outage = afterBytes),
    delayParts: (ms) => void (partDelay = ms),
    stop: () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      return closed;
    },
  };
}

function flat(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(',') : value;
  return out;
}
