/** SigV4 verification with `@smithy/signature-v4`: recompute the signature with the key's secret and compare. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

export interface TrustedKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** The service a request's credential scope names (`dynamodb`, `s3`, ...), read before verifying. */
export function scopeService(authorization: string | undefined): string | undefined {
  return AUTH_PATTERN.exec(authorization ?? '')?.[4];
}

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Data): string | Uint8Array =>
  typeof d === 'string'
    ? d
    : ArrayBuffer.isView(d)
      ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength)
      : new Uint8Array(d);

/** node:crypto behind the hash interface the signer takes (HMAC when given a secret). */
export class NodeSha256 {
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
  // The signature must cover the body as received: the declared hash is only trusted when it is the
  // body's. S3 alone lets a client leave the body unsigned (UNSIGNED-PAYLOAD); DynamoDB does not.
  const payloadHash = req.headers['x-amz-content-sha256'];
  const unsignedAllowed = service === 's3' && payloadHash === 'UNSIGNED-PAYLOAD';
  if (payloadHash !== undefined && !unsignedAllowed) {
    if (payloadHash !== createHash('sha256').update(req.body).digest('hex')) {
      return { accessKeyId, reason: 'x-amz-content-sha256 does not match the body' };
    }
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
    // Re-sign exactly the headers that were signed: add no x-amz-content-sha256 of our own.
    applyChecksum: false,
    // S3 signs the path as sent (already URI-encoded, no normalisation); other services encode it again.
    uriEscapePath: service !== 's3',
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
