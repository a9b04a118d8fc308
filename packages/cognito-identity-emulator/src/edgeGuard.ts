/**
 * Who may talk to the emulator at all, checked on every request before anything else: the `Host`
 * header must name a loopback host (127.0.0.1, localhost, [::1], any port), so a page on another site
 * cannot reach it by rebinding its own DNS name to 127.0.0.1; and a browser's `Origin`, when sent, must
 * be a loopback page, so a simple `POST` from another site cannot create identities or mint tokens.
 * `allowedHosts` opts other host names in (container setups that reach the emulator by a service name).
 */
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from './loopback.js';

/** `'*'` in `allowedHosts` accepts any host name. */
export const ANY_HOST = '*';

function hostnameOf(authority: string): string | undefined {
  if (/[@/?#\\\s]/.test(authority)) return undefined;
  try {
    return new URL(`http://${authority}`).hostname;
  } catch {
    return undefined;
  }
}

function allowedName(hostname: string, allowedHosts: readonly string[]): boolean {
  if (isLoopbackHost(hostname)) return true;
  const bare = hostname.toLowerCase().replace(/\.$/, '');
  return allowedHosts.includes(ANY_HOST) || allowedHosts.includes(bare);
}

/**
 * Whether a browser `Origin` may use the emulator: an `http:` page on a loopback host (any port), or
 * an `http:`/`https:` page on a host name in `allowedHosts`.
 */
export function originAllowed(origin: string | undefined, allowedHosts: readonly string[]): boolean {
  if (typeof origin !== 'string') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return true;
  return (
    /^https?:$/.test(url.protocol) && !isLoopbackHost(url.hostname) && allowedName(url.hostname, allowedHosts)
  );
}

/** Why the request must be refused, or undefined when it may be served. */
export function edgeRefusal(req: IncomingMessage, allowedHosts: readonly string[]): string | undefined {
  const host = req.headers.host;
  const hostname = typeof host === 'string' && host !== '' ? hostnameOf(host) : undefined;
  if (hostname === undefined || !allowedName(hostname, allowedHosts)) {
    return 'The Host header does not name a loopback host (or an allowed host); the request is refused.';
  }
  if (req.headers.origin !== undefined && !originAllowed(req.headers.origin, allowedHosts)) {
    return 'Requests from pages outside loopback are refused (the Origin is not a loopback origin).';
  }
  return undefined;
}

/** Checks `allowedHosts` as given to `startCognitoIdentityEmulator`; returns the normalised list. */
export function normaliseAllowedHosts(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return undefined;
  const names: string[] = [];
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'string') return undefined;
    const name = entry.trim().toLowerCase().replace(/\.$/, '');
    if (name !== ANY_HOST && !/^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$|^\[[0-9a-f:.]+\]$/.test(name)) {
      return undefined;
    }
    names.push(name);
  }
  return names;
}
