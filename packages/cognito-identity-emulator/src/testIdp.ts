/** The built-in test identity provider: mints RS256 tokens for any provider name. */
import { PROVIDER_CLAIM, type TokenIssuer } from './tokenIssuer.js';
import type { IssueProviderTokenOptions } from './types.js';

const DEFAULT_LIFETIME_SECONDS = 3600;

export class TestIdp {
  constructor(
    private readonly issuer: TokenIssuer,
    private readonly issuerName: () => string,
  ) {}

  /** A token for `subject` at `providerName`; `aud` defaults to the provider name. */
  issue(options: IssueProviderTokenOptions): Promise<string> {
    const { providerName, subject, audience } = options;
    const lifetime = options.expiresInSeconds ?? DEFAULT_LIFETIME_SECONDS;
    if (typeof providerName !== 'string' || providerName.length < 1 || providerName.length > 128) {
      return Promise.reject(new TypeError('issueProviderToken: providerName must be 1-128 characters'));
    }
    if (typeof subject !== 'string' || subject.length < 1 || subject.length > 1024) {
      return Promise.reject(new TypeError('issueProviderToken: subject must be 1-1024 characters'));
    }
    if (!Number.isFinite(lifetime)) {
      return Promise.reject(new TypeError('issueProviderToken: expiresInSeconds must be a finite number'));
    }
    return this.issuer.sign({
      issuer: this.issuerName(),
      subject,
      audience: audience ?? providerName,
      lifetimeSeconds: Math.trunc(lifetime),
      extra: { [PROVIDER_CLAIM]: providerName },
    });
  }

  /** `GET /test-idp/token?provider=graph.facebook.com&sub=alice[&expires=3600][&aud=...]`. */
  async mintFromQuery(query: URLSearchParams): Promise<object> {
    const providerName = query.get('provider') ?? '';
    const subject = query.get('sub') ?? '';
    const expires = query.get('expires');
    const expiresInSeconds = expires === null ? DEFAULT_LIFETIME_SECONDS : Number(expires);
    const audience = query.get('aud') ?? undefined;
    const token = await this.issue({ providerName, subject, expiresInSeconds, audience });
    return { token, providerName, subject, expiresInSeconds };
  }
}
