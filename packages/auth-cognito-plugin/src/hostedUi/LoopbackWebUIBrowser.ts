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
 * shows the URL to the user, and resolves with the first request to the redirect path.
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

  async open(url: string, redirectUri: string): Promise<string> {
    const redirect = new URL(redirectUri);
    if (redirect.protocol !== 'http:' || !isLoopbackHost(redirect.hostname))
      throw new Error('The loopback browser needs an http://127.0.0.1, localhost or [::1] redirect URI.');
    let server: Server | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arrived = new Promise<string>((resolve, reject) => {
      server = createServer((request, response) => {
        const at = new URL(request.url ?? '/', redirect.origin);
        if (request.method !== 'GET' || at.pathname !== redirect.pathname) {
          response.writeHead(404).end();
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
        Promise.resolve(this.#openUrl(url)).catch(reject);
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
