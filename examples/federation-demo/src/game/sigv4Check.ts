// The server side of AWS Signature Version 4, as a DynamoDB endpoint checks its callers: recomputes a
// request's signature with @smithy/signature-v4 and the secret key Cognito issued for its access key id.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';

/** Temporary credentials as the issuer (Cognito) handed them out, with the identity they belong to. */
export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
  readonly identityId?: string;
}

/** The secret behind an access key id, as the service knows it; undefined for keys it never issued. */
export type CredentialsLookup = (accessKeyId: string) => IssuedCredentials | undefined;

/** A request as received: raw path and query (as sent on the wire), headers, whole body. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export type RejectionKind =
  'missing' | 'malformed' | 'unknownKey' | 'expired' | 'skewed' | 'payloadMismatch' | 'mismatch';

export type Verdict =
  | {
      readonly ok: true;
      readonly credentials: IssuedCredentials;
      readonly region: string;
      readonly service: string;
    }
  | { readonly ok: false; readonly kind: RejectionKind; readonly message: string };

export interface VerifyOptions {
  readonly lookup: CredentialsLookup;
  /** The service's clock, for the signing-date skew and credential expiry. Default: Date.now. */
  readonly now?: () => number;
  /** When set, the credential scope must name this service. */
  readonly service?: string;
}

/** Largest difference between the signing date and the service's clock that AWS accepts. */
export const MAX_SKEW_MS = 15 * 60_000;

/** node:crypto in the shape of the SDK's Checksum: SHA-256, or HMAC-SHA256 when given a key. */
export class Sha256 {
  readonly #hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(toBytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.#hash.digest());
  }
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** `20261127T102500Z` as a Date, or undefined when malformed. */
function parseAmzDate(value: string | undefined): Date | undefined {
  const m = value?.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

function queryOf(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of search) {
    const seen = query[key];
    query[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

const reject = (kind: RejectionKind, message: string): Verdict => ({ ok: false, kind, message });

/** Checks `request`'s SigV4 signature (Authorization header form) against the issued secret key. */
export async function verifySigV4(request: ReceivedRequest, options: VerifyOptions): Promise<Verdict> {
  const authorization = header(request.headers, 'authorization');
  if (!authorization) return reject('missing', 'Request is missing Authentication Token');
  const parts = AUTHORIZATION.exec(authorization);
  const signingDate = parseAmzDate(header(request.headers, 'x-amz-date'));
  if (!parts || !signingDate) return reject('malformed', 'Authorization header or X-Amz-Date is malformed.');
  const [, accessKeyId, scopeDate, region, service, signedHeaderList, signature] = parts as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (scopeDate !== header(request.headers, 'x-amz-date')!.slice(0, 8))
    return reject('malformed', 'The credential scope date does not match X-Amz-Date.');
  if (options.service !== undefined && service !== options.service)
    return reject('malformed', `Credential should be scoped to service '${options.service}'.`);
  const issued = options.lookup(accessKeyId);
  if (!issued) return reject('unknownKey', 'The security token included in the request is invalid.');
  const token = header(request.headers, 'x-amz-security-token');
  if ((issued.sessionToken ?? undefined) !== token)
    return reject('unknownKey', 'The security token included in the request is invalid.');
  const now = (options.now ?? Date.now)();
  if (Math.abs(signingDate.getTime() - now) > MAX_SKEW_MS)
    return reject('skewed', 'Signature expired: the signing date is too far from the server time.');
  if (issued.expiration && issued.expiration.getTime() <= now)
    return reject('expired', 'The security token included in the request is expired');

  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date'))
    return reject('malformed', 'SignedHeaders must include host and x-amz-date.');
  // The signature must cover the body as received: a declared hash is trusted only when it is the
  // body's (any other value, UNSIGNED-PAYLOAD included, would let a changed body through). S3 alone
  // accepts UNSIGNED-PAYLOAD.
  const declaredHash = header(request.headers, 'x-amz-content-sha256');
  const unsignedAllowed = service === 's3' && declaredHash === 'UNSIGNED-PAYLOAD';
  if (declaredHash !== undefined && !unsignedAllowed) {
    if (createHash('sha256').update(request.body).digest('hex') !== declaredHash)
      return reject('payloadMismatch', 'The provided x-amz-content-sha256 does not match the body.');
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = header(request.headers, name);
    if (value === undefined) return reject('malformed', `Signed header ${name} is missing.`);
    headers[name] = value;
  }
  const url = new URL(request.url, 'http://signed.invalid');
  const signer = new SignatureV4({
    credentials: {
      accessKeyId,
      secretAccessKey: issued.secretAccessKey,
      ...(issued.sessionToken ? { sessionToken: issued.sessionToken } : {}),
    },
    region,
    service,
    sha256: Sha256,
    // S3 signs the path exactly as sent; every other service signs it URI-encoded once more.
    uriEscapePath: service !== 's3',
    applyChecksum: false,
  });
  const expected = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: url.hostname,
      path: request.url.split('?')[0]!,
      query: queryOf(url.searchParams),
      headers,
      body: request.body,
    },
    { signingDate },
  );
  const expectedSignature = /Signature=([0-9a-f]{64})$/.exec(expected.headers.authorization ?? '')?.[1];
  if (expectedSignature !== signature)
    return reject(
      'mismatch',
      'The request signature we calculated does not match the signature you provided.',
    );
  return { ok: true, credentials: issued, region, service };
}
