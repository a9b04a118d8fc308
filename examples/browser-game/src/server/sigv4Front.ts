/**
 * A loopback front for the game's AWS services that does what AWS does with every request: it checks
 * the SigV4 signature against the secret key of the access key id that signed it, and refuses the
 * request when the key is unknown, the session token does not match, or the signature is wrong.
 * Verified DynamoDB requests go on to dynalite; S3 requests (credential scope `s3`) to a small
 * in-memory object store. Answers CORS for loopback pages.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isLoopbackHost } from '@plugboard/cognito-identity-emulator';
import { ObjectStore, s3Error } from './objectStore';
import { checkSignature, scopeService, type TrustedKey } from './signature';

export type { TrustedKey } from './signature';

/** What the front decided about one request (no secrets: the access key id is not one). */
export interface FrontRecord {
  readonly service: string;
  readonly operation: string;
  readonly accessKeyId: string | undefined;
  readonly verified: boolean;
  /** Why a request was refused. */
  readonly reason?: string;
  readonly status: number;
}

export interface SigV4Front {
  readonly endpoint: string;
  /** Makes a key known to the front, as IAM knows the keys its security token service issues. */
  trust(key: TrustedKey): void;
  records(): readonly FrontRecord[];
  stop(): Promise<void>;
}

/** An `http:` origin (scheme, host, port; nothing more) on a loopback host. */
function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && url.origin === origin && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

function cors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  if (origin && isLoopbackOrigin(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader(
      'access-control-expose-headers',
      'x-amzn-RequestId, x-amzn-ErrorType, x-amz-crc32, ETag, x-amz-request-id, x-amz-id-2',
    );
    res.setHeader('vary', 'Origin');
  }
  if (req.method !== 'OPTIONS') return false;
  res.setHeader('access-control-allow-methods', 'GET, PUT, POST');
  res.setHeader('access-control-allow-headers', String(req.headers['access-control-request-headers'] ?? ''));
  res.writeHead(204).end();
  return true;
}

/** DynamoDB's JSON error shape. */
function dynamoError(res: ServerResponse, status: number, type: string, message: string): void {
  const body = JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message });
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': type });
  res.end(body);
}

/** The error each service answers for an unknown key and for a bad signature. */
const REFUSALS: Record<string, { unknownKey: string; badSignature: string }> = {
  dynamodb: { unknownKey: 'UnrecognizedClientException', badSignature: 'InvalidSignatureException' },
  s3: { unknownKey: 'InvalidAccessKeyId', badSignature: 'SignatureDoesNotMatch' },
};

/**
 * Starts the front on 127.0.0.1 (any free port): DynamoDB requests are forwarded to `dynamoTarget`,
 * S3 requests are served from memory for the given buckets.
 */
export async function startSigV4Front(
  dynamoTarget: string,
  buckets: readonly string[] = [],
): Promise<SigV4Front> {
  const keys = new Map<string, TrustedKey>();
  const records: FrontRecord[] = [];
  const sockets = new Set<Socket>();
  const objects = new ObjectStore(new Set(buckets));
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (cors(req, res)) return;
    const body = await readBody(req);
    const headers = flatHeaders(req);
    const service = scopeService(headers.authorization) === 's3' ? 's3' : 'dynamodb';
    const operation =
      service === 's3'
        ? ObjectStore.operationOf(req.method)
        : (headers['x-amz-target'] ?? '').replace(/^DynamoDB_\d+\./, '');
    const verdict = await checkSignature(
      { method: req.method ?? 'GET', path: req.url ?? '/', headers, body },
      (id) => keys.get(id),
    );
    const record = { service, operation, accessKeyId: verdict.accessKeyId };
    if (verdict.reason !== undefined) {
      records.push({ ...record, verified: false, reason: verdict.reason, status: 403 });
      const refusal = REFUSALS[service]!;
      const code = verdict.reason === 'unknown access key id' ? refusal.unknownKey : refusal.badSignature;
      const send = service === 's3' ? s3Error : dynamoError;
      send(res, 403, code, `Request refused: ${verdict.reason}.`);
      return;
    }
    if (service === 's3') {
      const status = objects.handle(req.method, req.url ?? '/', headers, body, res);
      records.push({ ...record, verified: true, status });
      return;
    }
    const forwardHeaders = { ...headers };
    delete forwardHeaders.origin;
    const upstream = httpRequest(
      dynamoTarget + (req.url ?? '/'),
      { method: req.method, headers: forwardHeaders },
      (answer) => {
        records.push({ ...record, verified: true, status: answer.statusCode ?? 0 });
        const passed: Record<string, string> = {};
        for (const name of ['content-type', 'content-length', 'x-amzn-requestid', 'x-amz-crc32']) {
          const value = answer.headers[name];
          if (typeof value === 'string') passed[name] = value;
        }
        res.writeHead(answer.statusCode ?? 502, passed);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => dynamoError(res, 502, 'InternalServerError', 'DynamoDB did not answer.'));
    upstream.end(body);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    trust: (key) => void keys.set(key.accessKeyId, { ...key }),
    records: () => records.map((r) => ({ ...r })),
    stop: () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      return closed;
    },
  };
}
