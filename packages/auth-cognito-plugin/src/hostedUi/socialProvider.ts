import { InvalidParameterException } from '@plugboard/core';
import type { AuthProvider } from '../model/AuthProvider.js';

/** The user pool's names for the social providers it federates (its `identity_provider` values). */
const USER_POOL_PROVIDER_NAMES: Readonly<Record<string, string>> = {
  'graph.facebook.com': 'Facebook',
  'accounts.google.com': 'Google',
  'www.amazon.com': 'LoginWithAmazon',
  'appleid.apple.com': 'SignInWithApple',
};
const UNSUPPORTED = new Set(['api.twitter.com', 'cognito-identity.amazonaws.com']);

/**
 * The `identity_provider` of `/oauth2/authorize` for an {@link AuthProvider}: the user pool's name for
 * Facebook, Google, Login with Amazon and Sign in with Apple; the given name for OIDC, SAML and custom
 * providers (as registered in the user pool).
 */
export function identityProviderFor(provider: AuthProvider): string {
  const name = provider.providerName;
  if (UNSUPPORTED.has(name))
    throw new InvalidParameterException(
      `A user pool's hosted UI cannot sign in with ${name}.`,
      'Use federateToIdentityPool with a token from that provider instead.',
    );
  const mapped = USER_POOL_PROVIDER_NAMES[name];
  if (mapped) return mapped;
  const arn = /^arn:aws:iam::\d{12}:saml-provider\/(.+)$/.exec(name);
  return arn?.[1] ?? name;
}
