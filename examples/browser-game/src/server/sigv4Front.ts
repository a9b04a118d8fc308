/**
 * A loopback front for DynamoDB (dynalite) that does what AWS does with every request: it checks the
 * SigV4 signature against the secret key of the access key id that signed it, and refuses the request
 * when the key is unknown, the session token does not match, or the signature is wrong. Verified
 * requests are forwarded to dynalite. Answers CORS for loopback pages.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';

export interface TrustedKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** What the front decided about one request (no secrets: the access key id is not one). */
export interface FrontRecord {
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

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Data): string | Uint8Array =>
  typeof d === 'string'
    ? d
    : ArrayBuffer.isView(d)
      ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength)
      : new Uint8Array(d);

/** node:crypto behind the hash interface the signer takes (HMAC when given a secret). */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: Data) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: Data): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127(\.\d{1,3}){3}|\[::1\]):\d{1,5}$/;

/** Checks a request's signature; resolves to the refusal reason, or undefined when it is valid. */
export async function checkSignature(
  req: { method: string; path: string; headers: Record<string, string>; body: Buffer },
  lookup: (accessKeyId: string) => TrustedKey | undefined,
): Promise<{ accessKeyId?: string; reason?: string }> {
  const match = AUTH_PATTERN.exec(req.headers.authorization ?? '');
  if (!match) return { reason: 'no SigV4 Authorization header' };
  const [, accessKeyId, day, region, service, signedList, signature] = match as unknown as string[];
  const key = lookup(accessKeyId!);
  if (!key) return { accessKeyId, reason: 'unknown access key id' };
  if (key.sessionToken !== undefined && req.headers['x-amz-security-token'] !== key.sessionToken) {
    return { accessKeyId, reason: 'session token does not match the access key' };
  }
  const amzDate = req.headers['x-amz-date'] ?? '';
  if (!/^\d{8}T\d{6}Z$/.test(amzDate) || !amzDate.startsWith(day!)) {
    return { accessKeyId, reason: 'x-amz-date missing or outside the credential scope' };
  }
  const signed = new Set(signedList!.split(';'));
  if (!signed.has('host')) return { accessKeyId, reason: 'host is not signed' };
  const headers: Record<string, string> = {};
  for (const name of signed) {
    if (req.headers[name] === undefined) return { accessKeyId, reason: `signed header ${name} missing` };
    headers[name] = req.headers[name]!;
  }
  const [path, query] = req.path.split('?', 2) as [string, string | undefined];
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      sessionToken: key.sessionToken,
    },
    region: region!,
    service: service!,
    sha256: NodeSha256,
  });
  const signingDate = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13)}`,
  );
  const resigned = await signer.sign(
    {
      method: req.method,
      protocol: 'http:',
      hostname: headers.host!.replace(/:\d+$/, ''),
      path,
      query: Object.fromEntries(new URLSearchParams(query ?? '')),
      headers,
      body: req.body,
    },
    { signingDate, signableHeaders: signed },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(resigned.headers.authorization))?.[1] ?? '';
  const same =
    expected.length === signature!.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature!));
  return same ? { accessKeyId } : { accessKeyId, reason: 'signature does not match' };
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
  if (origin && LOOPBACK_ORIGIN.test(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', 'x-amzn-RequestId, x-amzn-ErrorType, x-amz-crc32');
    res.setHeader('vary', 'Origin');
  }
  if (req.method !== 'OPTIONS') return false;
  res.setHeader('access-control-allow-methods', 'POST');
  res.setHeader('access-control-allow-headers', String(req.headers['access-control-request-headers'] ?? ''));
  res.writeHead(204).end();
  return true;
}

/** Starts the front on 127.0.0.1 (any free port) in front of the DynamoDB endpoint `target`. */
export async function startSigV4Front(target: string): Promise<SigV4Front> {
  const keys = new Map<string, TrustedKey>();
  const records: FrontRecord[] = [];
  const sockets = new Set<Socket>();
  const refuse = (res: ServerResponse, status: number, type: string, message: string): void => {
    const body = JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message });
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': type });
    res.end(body);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (cors(req, res)) return;
    const body = await readBody(req);
    const headers = flatHeaders(req);
    const operation = (headers['x-amz-target'] ?? '').replace(/^DynamoDB_\d+\./, '');
    const verdict = await checkSignature(
      { method: req.method ?? 'GET', path: req.url ?? '/', headers, body },
      (id) => keys.get(id),
    );
    if (verdict.reason !== undefined) {
      const type =
        verdict.reason === 'unknown access key id'
          ? 'UnrecognizedClientException'
          : 'InvalidSignatureException';
      records.push({
        operation,
        accessKeyId: verdict.accessKeyId,
        verified: false,
        reason: verdict.reason,
        status: 403,
      });
      refuse(res, 403, type, `Request refused: ${verdict.reason}.`);
      return;
    }
    const forwardHeaders = { ...headers };
    delete forwardHeaders.origin;
    const upstream = httpRequest(
      target + (req.url ?? '/'),
      { method: req.method, headers: forwardHeaders },
      (answer) => {
        records.push({
          operation,
          accessKeyId: verdict.accessKeyId,
          verified: true,
          status: answer.statusCode ?? 0,
        });
        const passed: Record<string, string> = {};
        for (const name of ['content-type', 'content-length', 'x-amzn-requestid', 'x-amz-crc32']) {
          const value = answer.headers[name];
          if (typeof value === 'string') passed[name] = value;
        }
        res.writeHead(answer.statusCode ?? 502, passed);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => refuse(res, 502, 'InternalServerError', 'DynamoDB did not answer.'));
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
