import { NotAuthorizedException, UserCancelledException } from '@plugboard/core';
import type { HostedUiConfig } from './hostedUiConfig.js';

export interface AuthorizeRequest {
  readonly redirectUri: string;
  readonly state: string;
  readonly codeChallenge: string;
  /** `identity_provider` for the social variant (e.g. `Google`), skipping the hosted sign-in page. */
  readonly identityProvider?: string;
}

/** The `/oauth2/authorize` URL of an authorization-code request with PKCE (S256) and `state`. */
export function authorizeUrl(config: HostedUiConfig, request: AuthorizeRequest): string {
  const url = new URL('/oauth2/authorize', config.domainUrl);
  const params = url.searchParams;
  params.set('response_type', 'code');
  params.set('client_id', config.clientId);
  params.set('redirect_uri', request.redirectUri);
  params.set('scope', config.scopes.join(' '));
  params.set('state', request.state);
  params.set('code_challenge', request.codeChallenge);
  params.set('code_challenge_method', 'S256');
  if (request.identityProvider) params.set('identity_provider', request.identityProvider);
  return url.toString();
}

/** The `/logout` URL that ends the hosted-UI session and comes back to `logoutUri`. */
export function logoutUrl(config: HostedUiConfig, logoutUri: string): string {
  const url = new URL('/logout', config.domainUrl);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('logout_uri', logoutUri);
  return url.toString();
}

const RESTART = 'Start the sign-in again with signInWithWebUI.';

/**
 * The authorization code of the redirect the hosted UI sent back, after checking that it is the redirect
 * URI of this sign-in and carries this sign-in's `state` (anything else may be forged or replayed).
 */
export function codeFromRedirect(redirect: string, redirectUri: string, state: string): string {
  let url: URL;
  try {
    url = new URL(redirect);
  } catch {
    throw new UserCancelledException('The hosted UI did not come back to the app.', RESTART);
  }
  const expected = new URL(redirectUri);
  if (url.origin !== expected.origin || url.pathname !== expected.pathname)
    throw new NotAuthorizedException(
      'The hosted UI redirected to a URI other than the one this sign-in asked for.',
      `${RESTART} Check SignInRedirectURI against the app client's callback URLs.`,
    );
  const params = url.searchParams;
  const error = params.get('error');
  if (error !== null) {
    // error_description is the server's text for the user; keep it short and printable.
    const description = (params.get('error_description') ?? '').replace(/[^\x20-\x7e]/g, '').slice(0, 200);
    const message = `The hosted UI refused the sign-in: ${error.slice(0, 64)}${description ? ` (${description})` : ''}.`;
    if (error === 'access_denied')
      throw new UserCancelledException(message, `${RESTART} The user or the identity provider declined.`);
    throw new NotAuthorizedException(message, `${RESTART} Check the app client's OAuth settings.`);
  }
  if (params.get('state') !== state)
    throw new NotAuthorizedException(
      'The hosted UI answered with a state this sign-in did not send (tampered or replayed redirect).',
      RESTART,
    );
  const code = params.get('code');
  if (!code)
    throw new UserCancelledException('The hosted UI came back without an authorization code.', RESTART);
  return code;
}
