// A loopback HTTP endpoint that answers only requests whose SigV4 signature checks out (see ./sigv4),
// with the error an AWS service would send otherwise. The signed DynamoDB and S3 endpoints build on it.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  verifySigV4,
  type CredentialsLookup,
  type IssuedCredentials,
  type ReceivedRequest,
  type RejectionKind,
} from './sigv4';

/** How a service reports errors: JSON (`__type`, DynamoDB and most services) or XML (S3). */
export type ErrorStyle = 'json' | 'xml';

export interface SignedRequestRecord {
  readonly accessKeyId: string;
  readonly identityId?: string;
  readonly method: string;
  readonly url: string;
  /** The operation (X-Amz-Target action for JSON services, method and path for S3). */
  readonly operation: string;
}

export interface RejectedRequestRecord {
  readonly kind: RejectionKind;
  readonly code: string;
}

export interface SigV4Server {
  readonly endpoint: string;
  /** Requests that passed the signature check, oldest first. */
  readonly accepted: SignedRequestRecord[];
  /** Requests refused by the signature check, oldest first. */
  readonly rejected: RejectedRequestRecord[];
  stop(): Promise<void>;
}

/** What the service does with a request once its signature is verified. */
export type SignedHandler = (
  request: ReceivedRequest,
  credentials: IssuedCredentials,
  respond: Responder,
) => void | Promise<void>;

export interface Responder {
  send(status: number, headers: Record<string, string | string[] | undefined>, body: Buffer | string): void;
  error(status: number, code: string, message: string): void;
}

export interface SigV4ServerOptions {
  readonly lookup: CredentialsLookup;
  readonly service: string;
  readonly style: ErrorStyle;
  readonly handle: SignedHandler;
  /** The service's clock (signing-date skew, credential expiry, `Date` header). Default: Date.now. */
  readonly now?: () => number;
}

const CODES: Record<ErrorStyle, Record<RejectionKind, [number, string]>> = {
  json: {
    missing: [400, 'MissingAuthenticationTokenException'],
    malformed: [400, 'IncompleteSignatureException'],
    unknownKey: [400, 'UnrecognizedClientException'],
    expired: [400, 'ExpiredTokenException'],
    skewed: [400, 'InvalidSignatureException'],
    payloadMismatch: [400, 'InvalidSignatureException'],
    mismatch: [400, 'InvalidSignatureException'],
  },
  xml: {
    missing: [403, 'AccessDenied'],
    malformed: [400, 'AuthorizationHeaderMalformed'],
    unknownKey: [403, 'InvalidAccessKeyId'],
    expired: [400, 'ExpiredToken'],
    skewed: [403, 'RequestTimeTooSkewed'],
    payloadMismatch: [400, 'XAmzContentSHA256Mismatch'],
    mismatch: [403, 'SignatureDoesNotMatch'],
  },
};

const xmlEscape = (text: string): string => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function responder(res: ServerResponse, style: ErrorStyle, now: () => number): Responder {
  const send: Responder['send'] = (status, headers, body) => {
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers))
      if (value !== undefined && !['date', 'connection', 'keep-alive'].includes(name.toLowerCase()))
        out[name] = value;
    // The service's own clock: the SDK corrects its clock skew from this header.
    out.date = new Date(now()).toUTCString();
    res.writeHead(status, out);
    res.end(body);
  };
  return {
    send,
    error: (status, code, message) =>
      style === 'json'
        ? send(
            status,
            { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': code },
            JSON.stringify({ __type: `com.amazonaws.plugboard#${code}`, message }),
          )
        : send(
            status,
            { 'content-type': 'application/xml' },
            `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error>`,
          ),
  };
}

function operationOf(request: ReceivedRequest): string {
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') return target.slice(target.lastIndexOf('.') + 1);
  return `${request.method} ${request.url.split('?')[0]}`;
}

export async function startSigV4Server(options: SigV4ServerOptions): Promise<SigV4Server> {
  const now = options.now ?? (() => Date.now());
  const accepted: SignedRequestRecord[] = [];
  const rejected: RejectedRequestRecord[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      const respond = responder(res, options.style, now);
      void (async () => {
        const verdict = await verifySigV4(request, { lookup: options.lookup, now, service: options.service });
        if (!verdict.ok) {
          const [status, code] = CODES[options.style][verdict.kind];
          rejected.push({ kind: verdict.kind, code });
          respond.error(status, code, verdict.message);
          return;
        }
        accepted.push({
          accessKeyId: verdict.credentials.accessKeyId,
          ...(verdict.credentials.identityId ? { identityId: verdict.credentials.identityId } : {}),
          method: request.method,
          url: request.url,
          operation: operationOf(request),
        });
        await options.handle(request, verdict.credentials, respond);
      })().catch((error: unknown) => {
        if (!res.headersSent) respond.error(500, 'InternalFailure', String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accepted,
    rejected,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
