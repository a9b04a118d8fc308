import {
  NetworkException,
  NotAuthorizedException,
  ServiceException,
  type AuthException,
} from '@plugboard/core';
import type { AWSCognitoUserPoolTokens } from '../model/types.js';
import type { HostedUiConfig } from './hostedUiConfig.js';

/** An OAuth error answer (`{ error, error_description }`), kept as the cause of the typed exception. */
class OAuthErrorResponse extends Error {
  constructor(
    readonly error: string,
    readonly status: number,
  ) {
    super(`${error} (HTTP ${status})`);
    this.name = error;
  }
}

function failure(error: string, status: number): AuthException {
  const cause = new OAuthErrorResponse(error, status);
  const metadata = { serviceErrorName: error, httpStatusCode: status };
  if (error === 'invalid_grant')
    return new NotAuthorizedException(
      `The hosted UI's token endpoint refused the authorization code: ${error}.`,
      'Start the sign-in again; a code can be used once, shortly after it was issued.',
      { cause, metadata },
    );
  return new ServiceException(
    `The hosted UI's token endpoint failed: ${error}.`,
    'Check the app client (OAuth flows, callback URLs) and try again.',
    { cause, metadata },
  );
}

/** POST `/oauth2/token` (authorization_code grant with the PKCE verifier), bounded by `timeoutMs`. */
export async function exchangeCode(
  config: HostedUiConfig,
  grant: { readonly code: string; readonly redirectUri: string; readonly verifier: string },
  timeoutMs: number,
): Promise<AWSCognitoUserPoolTokens> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: config.clientId,
    code: grant.code,
    redirect_uri: grant.redirectUri,
    code_verifier: grant.verifier,
  });
  let response: Response;
  let answer: Record<string, unknown>;
  try {
    response = await fetch(new URL('/oauth2/token', config.domainUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  } catch (error) {
    throw new NetworkException(
      `The hosted UI's token endpoint could not be reached (${(error as Error)?.name ?? 'Error'}).`,
      'Check the network connection and WebDomain, then start the sign-in again.',
      { cause: error },
    );
  }
  if (!response.ok)
    throw failure(typeof answer.error === 'string' ? answer.error : 'server_error', response.status);
  const { access_token: accessToken, id_token: idToken, refresh_token: refreshToken } = answer;
  if (typeof accessToken !== 'string' || typeof idToken !== 'string' || typeof refreshToken !== 'string')
    throw failure('incomplete_token_response', response.status);
  return { accessToken, idToken, refreshToken };
}
