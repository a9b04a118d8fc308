// What the cookie-storage tests share: a browser-like cookie jar for the client side, and a realistic
// session value (three JWT-sized tokens in JSON).
import { randomBytes } from 'node:crypto';
import { rememberSecrets, secretScan } from '../support/secrets';

/** Cookies as a browser keeps them for one origin: applies Set-Cookie lines, sends a Cookie header. */
export class BrowserCookies {
  readonly #cookies = new Map<string, string>();

  /** Applies a response's Set-Cookie lines the way a browser does (Max-Age=0 deletes). */
  apply(lines: readonly string[]): void {
    for (const line of lines) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const expired = attributes.some((a) => /^max-age=(0|-\d+)$/i.test(a));
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(at + 1));
    }
  }

  /** The Cookie request header, or undefined when there is no cookie. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  names(): string[] {
    return [...this.#cookies.keys()].sort();
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  set(name: string, value: string): void {
    this.#cookies.set(name, value);
  }

  delete(name: string): void {
    this.#cookies.delete(name);
  }
}

const b64url = (bytes: number): string => randomBytes(bytes).toString('base64url');

/** A JWT-shaped token of about `size` characters (random, so every run has new secrets). */
export function jwtOfSize(size: number): string {
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'test-key-1' })).toString('base64url');
  const signature = b64url(256);
  const room = size - header.length - signature.length - 2;
  return `${header}.${Buffer.from(JSON.stringify({ sub: b64url(12), pad: b64url(room) }))
    .toString('base64url')
    .slice(0, room)}.${signature}`;
}

/** A user-pool session as the plugin would store it: three ~1.5 KB tokens, remembered as secrets. */
export function sessionValue(): string {
  const tokens = { idToken: jwtOfSize(1500), accessToken: jwtOfSize(1500), refreshToken: jwtOfSize(1500) };
  rememberSecrets(...Object.values(tokens));
  return JSON.stringify({ version: 1, userPoolTokens: tokens, expiresAt: Date.now() + 3600_000 });
}

/** Everything the library logged so far (the package's test setup records every entry at VERBOSE). */
export function loggedSince(mark: number): string[] {
  return secretScan().written.slice(mark);
}

export function logMark(): number {
  return secretScan().written.length;
}
