import { isLoopbackHost } from '@plugboard/core/internals';

// Chosen at each hosted-UI sign-in and sign-out (user-pool side), apart from the configuration check
// (`hostedUiConfig.ts`, run at `configure`), so each goes into the chunk of the code that uses it.

/** The redirect URI for this platform: the page's origin in a browser, a loopback http URI in Node. */
export function pickRedirectUri(uris: readonly string[]): string | undefined {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  const match = origin
    ? uris.find((uri) => new URL(uri).origin === origin)
    : uris.find((uri) => {
        const url = new URL(uri);
        return url.protocol === 'http:' && isLoopbackHost(url.hostname);
      });
  return match ?? uris[0];
}
