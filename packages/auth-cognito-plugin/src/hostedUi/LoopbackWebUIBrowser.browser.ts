import type { WebUIBrowser } from './WebUIBrowser.js';

/** Browser builds: there is no loopback listener in a page; the page redirect is used instead. */
export class LoopbackWebUIBrowser implements WebUIBrowser {
  constructor(_options: unknown = {}) {}
  open(): Promise<string> {
    return Promise.reject(new Error('LoopbackWebUIBrowser works in Node only; pages use a redirect.'));
  }
}
