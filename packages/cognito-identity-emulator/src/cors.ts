/**
 * CORS for pages served from loopback origins (`http://127.0.0.1:*`, `http://localhost:*`,
 * `http://[::1]:*`, plus pages on `allowedHosts`): a browser page on the developer's machine may call the
 * emulator and read the `x-amzn-*` headers the AWS SDK parses. Other origins get no CORS headers, and
 * the edge guard (edgeGuard.ts) refuses their requests outright. The emulator and the user-pool SRP
 * front both answer through {@link answerAtEdge}.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { edgeRefusal, originAllowed } from './edgeGuard.js';
import { CognitoServiceError } from './errors.js';
import { sendError } from './httpResponses.js';
import { isLoopbackHost } from './loopback.js';

/** Request headers an AWS SDK v3 client sends from a browser (JSON 1.1 protocol, SigV4). */
export const CORS_ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-amz-target',
  'x-amz-user-agent',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'x-amz-api-version',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
  'cache-control',
];

export const CORS_EXPOSED_HEADERS = ['x-amzn-RequestId', 'x-amzn-ErrorType', 'x-amzn-ErrorMessage', 'date'];

const MAX_AGE_SECONDS = 600;

/** Whether `origin` is an `http:` origin on a loopback host (any port). */
export function isLoopbackOrigin(origin: string | undefined): origin is string {
  if (typeof origin !== 'string') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' || url.origin !== origin) return false;
  return isLoopbackHost(url.hostname);
}

/**
 * Sets the CORS headers on `res` for a loopback `Origin` (they then ride on whatever answer follows,
 * errors included) and answers a preflight `OPTIONS` itself. Returns true when the request was
 * answered here and the caller must not route it.
 */
export function applyCors(
  req: IncomingMessage,
  res: ServerResponse,
  allowedHosts: readonly string[] = [],
): boolean {
  const origin = req.headers.origin;
  res.setHeader('vary', 'Origin');
  const allowed = originAllowed(origin, allowedHosts);
  if (allowed && origin !== undefined) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', CORS_EXPOSED_HEADERS.join(', '));
  }
  if (req.method !== 'OPTIONS') return false;
  req.resume();
  if (allowed) {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', allowedHeaders(req));
    res.setHeader('access-control-max-age', String(MAX_AGE_SECONDS));
  }
  res.writeHead(allowed ? 204 : 403, { 'content-length': 0 });
  res.end();
  return true;
}

/**
 * The edge of every server a browser may reach (the emulator and the user-pool SRP front): refuses a
 * request whose Host is not loopback (or allowed) or whose Origin is a foreign page with 403
 * AccessDeniedException, before its body is read; then applies CORS ({@link applyCors}). Returns true
 * when the request was answered here (refused, or a preflight) and the caller must not act on it.
 */
export function answerAtEdge(
  req: IncomingMessage,
  res: ServerResponse,
  allowedHosts: readonly string[] = [],
): boolean {
  const refusal = edgeRefusal(req, allowedHosts);
  if (refusal !== undefined) {
    req.resume();
    res.setHeader('connection', 'close');
    sendError(res, randomUUID(), new CognitoServiceError('AccessDeniedException', refusal, 403));
    return true;
  }
  return applyCors(req, res, allowedHosts);
}

/** The standard list, plus any other `amz-`/`x-amz-` header the preflight asks for (newer SDKs add some). */
function allowedHeaders(req: IncomingMessage): string {
  const requested = String(req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => /^(x-)?amzn?-[a-z0-9-]+$/.test(h));
  return [...new Set([...CORS_ALLOWED_HEADERS, ...requested])].join(', ');
}
