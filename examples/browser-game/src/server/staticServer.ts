/** Serves the built page and `/game-config.json` on loopback; `POST /dev/key` when key reports are on. */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { GameConfig } from '../page/config';
import type { TrustedKey } from './sigv4Front';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
};

export interface StaticServer {
  readonly url: string;
  /** Paths served so far, in order (the page and its chunks). */
  served(): readonly string[];
  stop(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return JSON.parse(text);
}

export async function startStaticServer(
  root: string,
  config: (origin: string) => GameConfig,
  onKeyReport?: (key: TrustedKey) => void,
  port = 0,
): Promise<StaticServer> {
  const served: string[] = [];
  const sockets = new Set<Socket>();
  let origin = '';
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://page.invalid').pathname;
      served.push(path);
      if (path === '/game-config.json') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        return res.end(JSON.stringify(config(origin)));
      }
      if (path === '/dev/key' && req.method === 'POST' && onKeyReport) {
        const key = (await readJson(req)) as TrustedKey;
        onKeyReport(key);
        return res.writeHead(204).end();
      }
      const file = normalize(join(root, path === '/' ? 'index.html' : path));
      if (!file.startsWith(root) || !TYPES[extname(file)]) return res.writeHead(404).end();
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)]!, 'cache-control': 'no-store' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    })().catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // localhost, not 127.0.0.1: a passkey's relying party id is a host name (an IP address cannot be one).
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    served: () => [...served],
    stop: () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      return closed;
    },
  };
}
