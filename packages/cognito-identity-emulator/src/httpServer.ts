/** The HTTP server: routes requests, tracks sockets and pending delays so `close()` is prompt. */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { answerAtEdge } from './cors.js';
import { CognitoServiceError } from './errors.js';
import { sendError, sendJson } from './httpResponses.js';
import { isLoopbackAddress } from './loopback.js';
import { handleProtocolRequest, type ProtocolDeps } from './protocolEndpoint.js';
import { operationOf } from './router.js';
import type { RequestLogEntry } from './types.js';

/** Key set of the test identity provider's tokens. */
export const JWKS_PATH = '/.well-known/jwks.json';
/** Key set of the OpenID tokens, at the service's path. */
export const OPEN_ID_JWKS_PATH = '/.well-known/jwks_uri';
/** OpenID discovery document of the emulator's OpenID tokens. */
export const OPEN_ID_CONFIGURATION_PATH = '/.well-known/openid-configuration';
/** `GET /health`: 200 with a small JSON status, for scripts waiting for the emulator. */
export const HEALTH_PATH = '/health';
/** `GET /test-idp/token?provider=&sub=`: mints a test-IdP token, for loopback callers. */
export const TEST_IDP_TOKEN_PATH = '/test-idp/token';

export interface HttpServerDeps extends Omit<ProtocolDeps, 'delay'> {
  readonly jwks: () => object;
  readonly openIdConfiguration: () => object;
  /** Largest request header section; larger ones are answered 431 and the connection closed. */
  readonly maxHeaderBytes: number;
  /** Answers `GET /test-idp/token`; `undefined` disables the route. */
  readonly mintTestToken?: (query: URLSearchParams) => Promise<object>;
  /** Host names served besides loopback ones (`'*'`: any). */
  readonly allowedHosts: readonly string[];
  /** Told about every answered (or dropped) request once it is over. */
  readonly onRequest?: (entry: RequestLogEntry) => void;
}

const KNOWN_PATHS = new Set([
  JWKS_PATH,
  OPEN_ID_JWKS_PATH,
  OPEN_ID_CONFIGURATION_PATH,
  HEALTH_PATH,
  TEST_IDP_TOKEN_PATH,
]);

/** What a request log line names: the operation, or the method and a known path (never a query). */
function requestLabel(req: IncomingMessage): string {
  const method = /^[A-Z]{1,16}$/.test(req.method ?? '') ? req.method! : '(invalid)';
  const path = new URL(req.url ?? '/', 'http://emulator.invalid').pathname;
  if (method === 'POST' && path === '/') return operationOf(req.headers);
  if (method === 'OPTIONS') return 'OPTIONS (preflight)';
  return `${method} ${KNOWN_PATHS.has(path) ? path : '(other path)'}`;
}

const HEADERS_TOO_LARGE =
  'HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\ncontent-length: 0\r\n\r\n';

export class HttpServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();

  constructor(private readonly deps: HttpServerDeps) {
    this.server = createServer({ keepAlive: true, maxHeaderSize: deps.maxHeaderBytes }, (req, res) => {
      if (deps.onRequest) this.watch(req, res, deps.onRequest);
      this.route(req, res).catch(() => req.socket.destroy());
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      if (error.code === 'HPE_HEADER_OVERFLOW' && socket.writable) {
        socket.end(HEADERS_TOO_LARGE);
        return;
      }
      socket.destroy();
    });
  }

  listen(host: string, port: number): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /** Stops listening, ends pending delays and destroys every socket, keep-alive ones included. */
  close(): Promise<void> {
    for (const [timer, release] of this.timers) {
      clearTimeout(timer);
      release();
    }
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    return closed;
  }

  private delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.set(timer, resolve);
    });

  private watch(
    req: IncomingMessage,
    res: ServerResponse,
    onRequest: (entry: RequestLogEntry) => void,
  ): void {
    const at = new Date();
    const started = performance.now();
    const operation = requestLabel(req);
    res.once('close', () => {
      const errorType = res.getHeader('x-amzn-errortype');
      const entry: RequestLogEntry = {
        at,
        operation,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ...(res.headersSent ? { status: res.statusCode } : {}),
        ...(typeof errorType === 'string' ? { errorType: errorType.replace(/:.*$/s, '') } : {}),
      };
      try {
        onRequest(entry);
      } catch {
        // A failing listener must not take the server down.
      }
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (answerAtEdge(req, res, this.deps.allowedHosts)) return;
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    if (req.method === 'POST' && url.pathname === '/') {
      return handleProtocolRequest(req, res, { ...this.deps, delay: this.delay });
    }
    req.resume();
    const requestId = randomUUID();
    if (req.method === 'GET' && (url.pathname === JWKS_PATH || url.pathname === OPEN_ID_JWKS_PATH)) {
      return sendJson(res, requestId, 200, this.deps.jwks(), { 'cache-control': 'max-age=300' });
    }
    if (req.method === 'GET' && url.pathname === OPEN_ID_CONFIGURATION_PATH) {
      return sendJson(res, requestId, 200, this.deps.openIdConfiguration());
    }
    if (req.method === 'GET' && url.pathname === HEALTH_PATH) {
      return sendJson(res, requestId, 200, { status: 'ok' });
    }
    const mint = this.deps.mintTestToken;
    if (req.method === 'GET' && url.pathname === TEST_IDP_TOKEN_PATH && mint) {
      if (!isLoopbackAddress(req.socket.remoteAddress)) {
        return sendJson(res, requestId, 403, { message: 'The test IdP only answers loopback callers.' });
      }
      try {
        return sendJson(res, requestId, 200, await mint(url.searchParams));
      } catch (error) {
        return sendJson(res, requestId, 400, { message: (error as Error).message });
      }
    }
    sendError(res, requestId, new CognitoServiceError('UnknownOperationException', 'Not found.', 404));
  }
}
