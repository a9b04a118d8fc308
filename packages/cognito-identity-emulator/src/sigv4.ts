/**
 * Verification of AWS Signature Version 4 `Authorization` headers for the signed operations: the
 * credential scope (`<key>/<date>/<region>/cognito-identity/aws4_request`), the access key the emulator
 * accepts, the request time (15 minutes of skew at most) and the signature itself, recomputed from the
 * canonical request with the hash of the body actually received. Wrong key: UnrecognizedClientException; wrong signature, scope or time:
 * InvalidSignatureException; a malformed header: IncompleteSignatureException.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  incompleteSignature,
  invalidSignature,
  missingAuthentication,
  unrecognizedClient,
} from './errors.js';

/** The access key and secret that signed (control-plane) requests must be signed with. */
export interface ControlPlaneCredentials {
  /** The access key id. */
  readonly accessKeyId: string;
  /** The secret access key. */
  readonly secretAccessKey: string;
}

/**
 * What the emulator accepts on signed operations unless `controlPlaneCredentials` says otherwise. Not
 * frozen: AWS SDK clients annotate the credentials object they are given. The emulator copies it at start.
 */
export const DEFAULT_CONTROL_PLANE_CREDENTIALS: ControlPlaneCredentials = {
  accessKeyId: 'AKIDPLUGBOARDEMULATOR',
  secretAccessKey: 'plugboard-emulator-secret-access-key',
};

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SERVICE = 'cognito-identity';
const MAX_SKEW_MS = 15 * 60 * 1000;

const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it (unreserved characters stay). */
const encode = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function parseAuthorization(header: string): {
  credential: string[];
  signedHeaders: string[];
  signature: string;
} {
  if (!header.startsWith(`${ALGORITHM} `)) throw incompleteSignature();
  const parts = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const at = part.indexOf('=');
    if (at > 0) parts.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const credential = parts.get('Credential')?.split('/');
  const signedHeaders = parts.get('SignedHeaders')?.split(';');
  const signature = parts.get('Signature');
  if (!credential || credential.length !== 5 || !signedHeaders || !signature) throw incompleteSignature();
  return { credential, signedHeaders, signature };
}

/** `20240101T000000Z` -> epoch ms, or NaN. */
function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
}

function canonicalRequest(req: IncomingMessage, signedHeaders: string[], body: Buffer): string {
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const path = url.pathname
    .split('/')
    .map((s) => encode(decodeURIComponent(s)))
    .join('/');
  const query = [...url.searchParams]
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const distinct = req.headersDistinct;
  const headers = signedHeaders
    .map((name) => `${name}:${(distinct[name] ?? []).map((v) => v.trim().replace(/\s+/g, ' ')).join(',')}\n`)
    .join('');
  // The hash of the body as received, never the x-amz-content-sha256 header: a body changed after
  // signing (whatever the header claims, UNSIGNED-PAYLOAD included) no longer matches the signature.
  const payloadHash = sha256Hex(body);
  return [req.method ?? 'POST', path, query, headers, signedHeaders.join(';'), payloadHash].join('\n');
}

/** Throws the service's error unless `req` carries a valid signature by `credentials` for `region`. */
export function verifySignature(
  req: IncomingMessage,
  body: Buffer,
  credentials: ControlPlaneCredentials,
  region: string,
  now: number = Date.now(),
): void {
  const authorization = req.headers.authorization;
  if (authorization === undefined || authorization === '') throw missingAuthentication();
  const { credential, signedHeaders, signature } = parseAuthorization(authorization);
  const [accessKeyId, date, scopeRegion, service, terminator] = credential as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (accessKeyId !== credentials.accessKeyId) throw unrecognizedClient();
  const amzDate = req.headers['x-amz-date'];
  if (typeof amzDate !== 'string') {
    throw incompleteSignature();
  }
  const signedAt = parseAmzDate(amzDate);
  if (Number.isNaN(signedAt) || !signedHeaders.includes('host')) throw incompleteSignature();
  if (Math.abs(now - signedAt) > MAX_SKEW_MS) {
    throw invalidSignature(`Signature expired: ${amzDate} is more than 15 minutes from the server time.`);
  }
  if (
    date !== amzDate.slice(0, 8) ||
    scopeRegion !== region ||
    service !== SERVICE ||
    terminator !== 'aws4_request'
  ) {
    throw invalidSignature(
      `Credential should be scoped to a valid date, region and service: expected .../${amzDate.slice(0, 8)}/${region}/${SERVICE}/aws4_request.`,
    );
  }
  const scope = `${date}/${scopeRegion}/${service}/aws4_request`;
  const stringToSign = [
    ALGORITHM,
    amzDate,
    scope,
    sha256Hex(canonicalRequest(req, signedHeaders, body)),
  ].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, date), scopeRegion), service),
    'aws4_request',
  );
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign).digest('hex'));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw invalidSignature(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  }
}
