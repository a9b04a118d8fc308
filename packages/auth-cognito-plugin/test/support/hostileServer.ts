import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** How a hostile endpoint answers every request. */
export type HostileMode = 'stall' | 'trickle' | 'redirect' | 'bomb' | 'echo' | 'tls';

export interface HostileServer {
  readonly url: string;
  /** Bodies that reached the redirect target (must stay empty: no client follows a redirect). */
  readonly redirected: string[];
  close(): Promise<void>;
}

let bomb: Buffer | undefined;
/** 64 MiB of JSON whitespace, gzipped to about 64 KB. */
function gzipBomb(): Buffer {
  return (bomb ??= gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString()));
  });
}

/** A loopback endpoint that misbehaves as `mode` says, for the transport-limit tests. */
export async function hostileServer(mode: HostileMode): Promise<HostileServer> {
  const redirected: string[] = [];
  const timers = new Set<ReturnType<typeof setInterval>>();
  const target = createHttpServer((request, response) => {
    void readBody(request).then((body) => {
      redirected.push(body);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const targetUrl = `http://127.0.0.1:${(target.address() as { port: number }).port}/`;

  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    void readBody(request).then((body) => {
      const json = { 'content-type': 'application/x-amz-json-1.1' };
      switch (mode) {
        case 'stall':
          response.writeHead(200, json);
          response.write('{');
          return;
        case 'trickle': {
          response.writeHead(200, json);
          const timer = setInterval(() => response.write(' '), 20);
          timers.add(timer);
          response.on('close', () => clearInterval(timer));
          return;
        }
        case 'redirect':
          response.writeHead(307, { location: targetUrl }).end();
          return;
        case 'bomb':
          response.writeHead(200, { ...json, 'content-encoding': 'gzip' }).end(gzipBomb());
          return;
        case 'echo':
        case 'tls':
          // A server that echoes the request in its error text (both the JSON 1.1 and the OAuth shapes).
          response.writeHead(400, { ...json, 'x-amzn-errortype': 'InvalidParameterException' }).end(
            JSON.stringify({
              __type: 'InvalidParameterException',
              message: `Bad request: ${body}`,
              error: `invalid_request ${body}`,
            }),
          );
          return;
      }
    });
  };
  const tls = join(__dirname, 'tls');
  const server =
    mode === 'tls'
      ? createHttpsServer(
          {
            key: readFileSync(join(tls, 'selfsigned.key.pem')),
            cert: readFileSync(join(tls, 'selfsigned.cert.pem')),
          },
          handler,
        )
      : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `${mode === 'tls' ? 'https' : 'http'}://127.0.0.1:${port}`,
    redirected,
    async close() {
      for (const timer of timers) clearInterval(timer);
      server.closeAllConnections();
      target.closeAllConnections();
      await Promise.all([
        new Promise((resolve) => server.close(resolve)),
        new Promise((resolve) => target.close(resolve)),
      ]);
    },
  };
}
