import { createServer, connect, type Server, type Socket } from 'node:net';

/** A TCP server on 127.0.0.1 that accepts connections, reads everything and never answers. */
export interface SilentServer {
  readonly endpoint: string;
  /** Connections accepted so far. */
  readonly accepted: () => number;
  /** Connections still open (not closed by the client). */
  readonly open: () => number;
  stop(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

function close(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accepted: () => accepted,
    open: () => sockets.size,
    stop: () => close(server, sockets),
  };
}

/**
 * A TCP proxy in front of `target` that can go silent mid-session: after `goSilent()` it keeps every
 * connection (old and new) open but forwards nothing in either direction, like a half-open link.
 */
export interface HalfOpenProxy {
  readonly endpoint: string;
  goSilent(): void;
  stop(): Promise<void>;
}

export async function startHalfOpenProxy(target: string): Promise<HalfOpenProxy> {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<Socket>();
  let silent = false;
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    track(client);
    const upstream = connect(Number(targetPort), hostname);
    track(upstream);
    client.on('data', (chunk) => void (silent || upstream.write(chunk)));
    upstream.on('data', (chunk) => void (silent || client.write(chunk)));
    client.on('end', () => void (silent || upstream.end()));
    upstream.on('end', () => void (silent || client.end()));
  });
  const port = await listen(server);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    goSilent: () => void (silent = true),
    stop: () => close(server, sockets),
  };
}
