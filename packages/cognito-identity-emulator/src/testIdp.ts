import { EmulatorUsageError, requireOptionsObject } from './usageError.js';
/** The built-in test identity provider: mints RS256 tokens for any provider name. */
import { PROVIDER_CLAIM, type TokenIssuer } from './tokenIssuer.js';
import type { IssueProviderTokenOptions } from './types.js';

const DEFAULT_LIFETIME_SECONDS = 3600;

export class TestIdp {
  constructor(
    private readonly issuer: TokenIssuer,
    private readonly issuerName: () => string,
    /** App ids the emulator's pools configure for a provider (SupportedLoginProviders values, client ids). */
    private readonly appIdsOf: (providerName: string) => string[] = () => [],
  ) {}

  /**
   * A token for `subject` at `providerName`. Without `audience`, `aud` lists the app ids the emulator's
   * pools configure for that provider at mint time (the provider name when none does).
   */
  issue(options: IssueProviderTokenOptions): Promise<string> {
    try {
      requireOptionsObject(options, 'issueProviderToken');
    } catch (error) {
      return Promise.reject(error);
    }
    const { providerName, subject, audience } = options;
    const lifetime = options.expiresInSeconds ?? DEFAULT_LIFETIME_SECONDS;
    if (typeof providerName !== 'string' || providerName.length < 1 || providerName.length > 128) {
      return Promise.reject(
        new EmulatorUsageError(
          'issueProviderToken: providerName must be 1-128 characters.',
          "Pass the provider name as used in Logins, e.g. 'graph.facebook.com'.",
        ),
      );
    }
    if (typeof subject !== 'string' || subject.length < 1 || subject.length > 1024) {
      return Promise.reject(
        new EmulatorUsageError(
          'issueProviderToken: subject must be 1-1024 characters.',
          "Pass the provider's user id, e.g. 'alice'.",
        ),
      );
    }
    if (!Number.isFinite(lifetime)) {
      return Promise.reject(
        new EmulatorUsageError(
          'issueProviderToken: expiresInSeconds must be a finite number.',
          'Pass a lifetime in seconds; zero or less mints an expired token.',
        ),
      );
    }
    return this.issuer.sign({
      issuer: this.issuerName(),
      subject,
      audience: audience ?? this.defaultAudience(providerName),
      lifetimeSeconds: Math.trunc(lifetime),
      extra: { ...(options.claims ?? {}), [PROVIDER_CLAIM]: providerName },
    });
  }

  private defaultAudience(providerName: string): string | string[] {
    const appIds = [...new Set(this.appIdsOf(providerName))];
    return appIds.length === 0 ? providerName : appIds.length === 1 ? appIds[0]! : appIds;
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
