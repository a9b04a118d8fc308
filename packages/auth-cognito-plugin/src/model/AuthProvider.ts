import { InvalidParameterException } from '@plugboard/core';
import { brandClass } from '@plugboard/core/internals';

/** Longest provider name the Cognito Identity API accepts as a `Logins` key. */
export const MAX_PROVIDER_NAME_LENGTH = 128;

function requireName(kind: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_PROVIDER_NAME_LENGTH) {
    throw new InvalidParameterException(
      `AuthProvider.${kind}() needs a provider name of 1 to ${MAX_PROVIDER_NAME_LENGTH} characters.`,
      `Pass the provider name exactly as it is registered in the identity pool, e.g. AuthProvider.${kind}('login.example.com').`,
    );
  }
  return value;
}

/**
 * An identity provider whose token is exchanged for AWS credentials. `providerName` is the key of the
 * `Logins` map sent to Amazon Cognito Identity.
 */
export class AuthProvider {
  private constructor(
    /** The provider's key in the `Logins` map, e.g. `accounts.google.com`. */
    readonly providerName: string,
  ) {
    Object.freeze(this);
  }

  /** Login with Amazon: `www.amazon.com`. */
  static amazon(): AuthProvider {
    return new AuthProvider('www.amazon.com');
  }
  /** Facebook: `graph.facebook.com`. */
  static facebook(): AuthProvider {
    return new AuthProvider('graph.facebook.com');
  }
  /** Google: `accounts.google.com`. */
  static google(): AuthProvider {
    return new AuthProvider('accounts.google.com');
  }
  /** Sign in with Apple: `appleid.apple.com`. */
  static apple(): AuthProvider {
    return new AuthProvider('appleid.apple.com');
  }
  /** Twitter: `api.twitter.com`. */
  static twitter(): AuthProvider {
    return new AuthProvider('api.twitter.com');
  }
  /** Developer-authenticated identities: `cognito-identity.amazonaws.com`, with an OpenID token from your backend. */
  static developer(): AuthProvider {
    return new AuthProvider('cognito-identity.amazonaws.com');
  }
  /** An OpenID Connect provider, named as in the identity pool (e.g. `login.example.com` or a user-pool provider name). */
  static oidc(providerName: string): AuthProvider {
    return new AuthProvider(requireName('oidc', providerName));
  }
  /** A SAML provider, named by its IAM provider ARN. */
  static saml(providerArn: string): AuthProvider {
    const arn = requireName('saml', providerArn);
    if (!/^arn:[\w-]+:iam::\d{12}:saml-provider\/[\w+=,.@-]+$/.test(arn)) {
      throw new InvalidParameterException(
        'AuthProvider.saml() needs an IAM SAML provider ARN.',
        'Pass the ARN shaped like arn:aws:iam::123456789012:saml-provider/MyProvider.',
      );
    }
    return new AuthProvider(arn);
  }
  /** Any other provider, named as in the identity pool. */
  static custom(providerName: string): AuthProvider {
    return new AuthProvider(requireName('custom', providerName));
  }

  /** `AuthProvider(<providerName>)`, for logs. */
  toString(): string {
    return `AuthProvider(${this.providerName})`;
  }
}
brandClass(AuthProvider, 'AuthProvider');
