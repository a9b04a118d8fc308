import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';

/** SHA-256 (or HMAC-SHA-256 with a secret) in the shape the signer takes. */
class NodeSha256 {
  readonly #hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** What the server made of one request. */
export interface Verdict {
  readonly verified: boolean;
  readonly accessKeyId?: string;
  readonly reason?: string;
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

/**
 * A loopback HTTP server that checks each request's SigV4 signature by signing it again with the
 * secret of the credentials it is told to expect (`@smithy/signature-v4`). Answers 200 with the verdict
 * when the signature matches, 403 with the verdict otherwise.
 */
export async function startSigV4Server(): Promise<{
  endpoint: string;
  expect(credentials: Credentials | undefined): void;
  verdicts: Verdict[];
  stop(): Promise<void>;
}> {
  let expected: Credentials | undefined;
  const verdicts: Verdict[] = [];
  const verify = async (req: IncomingMessage): Promise<Verdict> => {
    const match = AUTH.exec(req.headers.authorization ?? '');
    if (!match) return { verified: false, reason: 'no SigV4 Authorization header' };
    const [, accessKeyId, , region, service, signedList, signature] = match as unknown as string[];
    if (!expected || accessKeyId !== expected.accessKeyId)
      return { verified: false, accessKeyId, reason: 'unexpected access key' };
    if (req.headers['x-amz-security-token'] !== expected.sessionToken)
      return { verified: false, accessKeyId, reason: 'wrong session token' };
    const names = (signedList as string).split(';');
    const headers = Object.fromEntries(names.map((name) => [name, String(req.headers[name] ?? '')]));
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const amzDate = headers['x-amz-date'] ?? '';
    const signingDate = new Date(
      `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
    );
    const signer = new SignatureV4({
      credentials: expected,
      region: region as string,
      service: service as string,
      sha256: NodeSha256,
      applyChecksum: false,
    });
    const signed = await signer.sign(
      {
        method: req.method ?? 'GET',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
      },
      { signingDate, signableHeaders: new Set(names) },
    );
    const again = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1];
    return again === signature
      ? { verified: true, accessKeyId }
      : { verified: false, accessKeyId, reason: 'signature mismatch' };
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      void verify(req).then((verdict) => {
        verdicts.push(verdict);
        res.writeHead(verdict.verified ? 200 : 403, { 'content-type': 'application/json' });
        res.end(JSON.stringify(verdict));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    expect: (credentials) => void (expected = credentials),
    verdicts,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
