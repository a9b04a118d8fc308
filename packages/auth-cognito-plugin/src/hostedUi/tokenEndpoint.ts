import {
  NetworkException,
  NotAuthorizedException,
  ServiceException,
  type AuthException,
} from '@plugboard/core';
import { AnswerTooLargeError, RedirectRefusedError } from '../clients/http/answerLimits.js';
import { boundedFetch, type BoundedAnswer } from '../clients/http/boundedFetch.js';
import { maskSent, sentSecrets } from '../clients/http/maskSent.js';
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
  // The authorization code and the PKCE verifier never come back in an error message.
  const secrets = sentSecrets(body);
  let response: BoundedAnswer;
  let answer: Record<string, unknown>;
  try {
    // One deadline for connection and whole body, no redirect followed, the answer's size capped.
    response = await boundedFetch(
      new URL('/oauth2/token', config.domainUrl).toString(),
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
      { timeoutMs },
    );
    answer = parseAnswer(response.text);
  } catch (error) {
    if (error instanceof RedirectRefusedError) throw failure('unexpected_redirect', error.status);
    if (error instanceof AnswerTooLargeError) throw failure('answer_too_large', 200);
    throw new NetworkException(
      `The hosted UI's token endpoint could not be reached (${(error as Error)?.name ?? 'Error'}).`,
      'Check the network connection and WebDomain, then start the sign-in again.',
      { cause: error },
    );
  }
  const ok = response.status >= 200 && response.status < 300;
  if (!ok)
    throw failure(
      typeof answer.error === 'string' ? maskSent(answer.error, secrets).slice(0, 200) : 'server_error',
      response.status,
    );
  const { access_token: accessToken, id_token: idToken, refresh_token: refreshToken } = answer;
  if (typeof accessToken !== 'string' || typeof idToken !== 'string' || typeof refreshToken !== 'string')
    throw failure('incomplete_token_response', response.status);
  return { accessToken, idToken, refreshToken };
}

function parseAnswer(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
