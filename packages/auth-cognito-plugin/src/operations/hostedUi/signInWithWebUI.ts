import { InvalidStateException, UserCancelledException, type AuthSignInResult } from '@plugboard/core';
import { earliestExpiry } from '../../model/jwt.js';
import { refusal } from '../../session/guards.js';
import type { HostedUiRuntime } from '../../hostedUi/HostedUiRuntime.js';
import { pickRedirectUri } from '../../hostedUi/redirectUri.js';
import { authorizeUrl, codeFromRedirect } from '../../hostedUi/oauthUrls.js';
import { createPkcePair, randomToken } from '../../hostedUi/pkce.js';
import { exchangeCode } from '../../hostedUi/tokenEndpoint.js';
import type { WebUIBrowser } from '../../hostedUi/WebUIBrowser.js';
import type { AuthState } from '../../session/AuthState.js';
import type { PluginRuntime } from '../PluginRuntime.js';
import { completeSignIn } from '../userPool/signInStep.js';

/**
 * Starts the authorization-code flow with PKCE through the hosted UI: the browser shows
 * `/oauth2/authorize` (or goes straight to `identityProvider`) and answers the redirect URL. Runs outside
 * the plugin's operation queue: waiting for the user must not hold up other operations.
 */
export async function openSignInWithWebUI(
  current: AuthState,
  hostedUi: HostedUiRuntime,
  browser: WebUIBrowser,
  identityProvider: string | undefined,
): Promise<string> {
  const denied = refusal(current, 'signIn');
  if (denied) throw denied;
  const { config } = hostedUi;
  const redirectUri = pickRedirectUri(config.signInRedirectUris);
  if (!redirectUri)
    throw new InvalidStateException('No sign-in redirect URI is configured.', 'Set OAuth.SignInRedirectURI.');
  const state = randomToken();
  const { verifier, challenge } = await createPkcePair();
  await hostedUi.pending.save({ state, verifier, redirectUri });
  const url = authorizeUrl(config, {
    redirectUri,
    state,
    codeChallenge: challenge,
    ...(identityProvider ? { identityProvider } : {}),
  });
  try {
    return await browser.open(url, redirectUri);
  } catch (error) {
    await hostedUi.pending.take();
    throw new UserCancelledException(
      'The hosted-UI sign-in did not complete: the browser was closed or no redirect arrived.',
      'Start the sign-in again with signInWithWebUI.',
      { cause: error },
    );
  }
}

/**
 * Completes a hosted-UI sign-in from the redirect URL (`?code=&state=`): the pending sign-in it belongs
 * to is read and forgotten first, so the same redirect cannot be used twice.
 */
export async function completeSignInWithWebUI(
  runtime: PluginRuntime,
  hostedUi: HostedUiRuntime,
  redirect: string,
): Promise<AuthSignInResult> {
  const pending = await hostedUi.pending.take();
  if (!pending)
    throw new InvalidStateException(
      'There is no hosted-UI sign-in waiting for this redirect (it was completed already or never started).',
      'Start the sign-in again with signInWithWebUI.',
    );
  const denied = refusal(runtime.machine.state, 'signIn');
  if (denied) throw denied;
  const code = codeFromRedirect(redirect, pending.redirectUri, pending.state);
  const tokens = await exchangeCode(
    hostedUi.config,
    { code, redirectUri: pending.redirectUri, verifier: pending.verifier },
    hostedUi.requestTimeoutMs,
  );
  const tokenSet = { ...tokens, expiresAt: earliestExpiry(tokens.accessToken, tokens.idToken) };
  const result = await completeSignIn(runtime, 'hosted-ui-user', tokenSet);
  await hostedUi.markSignedIn(true);
  return result;
}
