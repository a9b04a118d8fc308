import { InvalidParameterException } from '@plugboard/core';
import { LoopbackWebUIBrowser } from './LoopbackWebUIBrowser.js';
import { RedirectWebUIBrowser } from './RedirectWebUIBrowser.js';
import type { SignInWithWebUIOptions, WebUIBrowser } from './WebUIBrowser.js';

/** The platform's browser: a page redirect where there is a page, a loopback listener in Node. */
export async function defaultWebUIBrowser(timeoutMs?: number): Promise<WebUIBrowser> {
  if (typeof window !== 'undefined' && typeof window.location?.assign === 'function') {
    return new RedirectWebUIBrowser();
  }
  return new LoopbackWebUIBrowser(timeoutMs === undefined ? {} : { timeoutMs });
}

/** Checks the options of the hosted-UI methods before anything is opened. */
export function validateWebUIOptions(options: unknown): SignInWithWebUIOptions {
  if (options === undefined) return {};
  const fail = (what: string): never => {
    throw new InvalidParameterException(
      `Hosted-UI options: ${what}.`,
      'Pass { browser?: { open(url, redirectUri) }, preferPrivateSession?: boolean } or nothing.',
    );
  };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) fail('expected an object');
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o))
    if (key !== 'browser' && key !== 'preferPrivateSession')
      fail(`unknown option ${JSON.stringify(key.slice(0, 40))}`);
  if (o.preferPrivateSession !== undefined && typeof o.preferPrivateSession !== 'boolean')
    fail('preferPrivateSession must be a boolean');
  const browser = o.browser as { open?: unknown } | undefined;
  if (
    browser !== undefined &&
    (typeof browser !== 'object' || browser === null || typeof browser.open !== 'function')
  )
    fail('browser must be an object with an open(url, redirectUri) method');
  return o as SignInWithWebUIOptions;
}
