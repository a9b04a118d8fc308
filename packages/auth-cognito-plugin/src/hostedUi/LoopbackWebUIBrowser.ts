import { createServer, type Server } from 'node:http';
import { isLoopbackHost } from '@plugboard/core/internals';
import type { WebUIBrowser } from './WebUIBrowser.js';

/** Options of {@link LoopbackWebUIBrowser}. */
export interface LoopbackWebUIBrowserOptions {
  /** Shows the URL to the user (launch a browser, print it, ...). Default: prints it to stderr. */
  readonly openUrl?: (url: string) => void | Promise<void>;
  /** How long to wait for the redirect. Default 300000 (5 minutes). */
  readonly timeoutMs?: number;
}

const PAGE = (title: string): string =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><p>${title} You can close this window.</p>`;

/**
 * The Node default (RFC 8252, loopback redirect): listens on the redirect URI's loopback host and port,
 * shows the URL to the user, and resolves with the first request to the redirect path that carries the
 * sign-in's `state`. Any other request (another path, method or state: a stray tab, a port scan, a
 * forged redirect) is answered 400/404 and ignored; the listener keeps waiting until its deadline.
 */
export class LoopbackWebUIBrowser implements WebUIBrowser {
  readonly #openUrl: (url: string) => void | Promise<void>;
  readonly #timeoutMs: number;

  constructor(options: LoopbackWebUIBrowserOptions = {}) {
    this.#openUrl =
      options.openUrl ??
      ((url) => void process.stderr.write(`Open this URL in a browser to continue:\n  ${url}\n`));
    this.#timeoutMs = options.timeoutMs ?? 300_000;
  }

  /**
   * Hands `url` to `openUrl` (by default printed to stderr) and waits on the loopback `redirectUri` for
   * the redirect with the same `state`; resolves with that URL. Rejects when `redirectUri` is not an http loopback address or the wait times out.
   */
  async open(url: string, redirectUri: string): Promise<string> {
    const redirect = new URL(redirectUri);
    if (redirect.protocol !== 'http:' || !isLoopbackHost(redirect.hostname))
      throw new Error('The loopback browser needs an http://127.0.0.1, localhost or [::1] redirect URI.');
    // The state the authorization URL carries: only a redirect with the same state ends the wait.
    const expectedState = new URL(url).searchParams.get('state');
    let server: Server | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arrived = new Promise<string>((resolve, reject) => {
      server = createServer((request, response) => {
        let at: URL;
        try {
          at = new URL(request.url ?? '/', redirect.origin);
        } catch {
          response.writeHead(400).end();
          return;
        }
        if (request.method !== 'GET' || at.pathname !== redirect.pathname) {
          response.writeHead(404).end();
          return;
        }
        if (expectedState !== null && at.searchParams.get('state') !== expectedState) {
          response
            .writeHead(400, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
            .end(PAGE('This is not the sign-in this program started.'));
          return;
        }
        const done = at.searchParams.has('code') || !at.searchParams.has('error');
        response
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
          .end(PAGE(done ? 'Done.' : 'The sign-in did not complete.'));
        resolve(at.toString());
      });
      server.once('error', reject);
      timer = setTimeout(() => reject(new Error('No redirect arrived in time.')), this.#timeoutMs);
      server.listen(Number(redirect.port || 80), redirect.hostname.replace(/^\[|\]$/g, ''), () => {
        // A synchronous throw or a rejection of openUrl ends the sign-in with that error, not the process.
        Promise.resolve()
          .then(() => this.#openUrl(url))
          .catch(reject);
      });
    });
    try {
      return await arrived;
    } finally {
      clearTimeout(timer);
      server?.closeAllConnections();
      server?.close();
    }
  }
}
