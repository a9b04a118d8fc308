import type { WebUIBrowser } from './WebUIBrowser.js';

/**
 * The page default: sends this tab to the hosted UI. The page is left, so `open` never settles; the sign-in
 * completes when the app's page loads again with `?code=&state=` and configures the plugin.
 */
export class RedirectWebUIBrowser implements WebUIBrowser {
  open(url: string): Promise<string> {
    window.location.assign(url);
    return new Promise<string>(() => undefined);
  }
}

/** The redirect URL this page was loaded with, when it carries a hosted-UI answer (`state` plus `code` or `error`). */
export function hostedUiAnswerInPage(): string | undefined {
  if (typeof window === 'undefined' || !window.location) return undefined;
  const params = new URLSearchParams(window.location.search);
  return params.has('state') && (params.has('code') || params.has('error'))
    ? window.location.href
    : undefined;
}

/** Removes `code`, `state` and the error parameters from the address bar, so a reload does not replay them. */
export function forgetHostedUiAnswerInPage(): void {
  const url = new URL(window.location.href);
  for (const key of ['code', 'state', 'error', 'error_description']) url.searchParams.delete(key);
  window.history.replaceState(window.history.state, '', url.toString());
}
