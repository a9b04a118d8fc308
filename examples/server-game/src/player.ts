// A scripted player: a cookie jar of its own (as its browser would keep) and requests to the game server.

export interface Reply {
  readonly status: number;
  readonly body: { identityId?: string; scores?: number[]; error?: string };
  /** The response's Set-Cookie lines. */
  readonly setCookies: readonly string[];
}

export class Player {
  readonly #cookies = new Map<string, string>();

  constructor(
    readonly name: string,
    private readonly url: string,
  ) {}

  /** The cookies the player holds, by name (values are the session: never print them). */
  cookies(): ReadonlyMap<string, string> {
    return this.#cookies;
  }

  async send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Reply> {
    const headers: Record<string, string> = {};
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const setCookies = response.headers.getSetCookie();
    this.apply(setCookies);
    return { status: response.status, body: (await response.json()) as Reply['body'], setCookies };
  }

  /** Keeps or deletes cookies as a browser does with Set-Cookie lines (Max-Age=0 deletes). */
  apply(lines: readonly string[]): void {
    for (const line of lines) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at);
      if (attributes.some((a) => /^max-age=(0|-\d+)$/i.test(a))) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(at + 1));
    }
  }
}
