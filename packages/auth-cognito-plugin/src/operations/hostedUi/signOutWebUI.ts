import type { AuthException, Logger } from '@plugboard/core';
import { pickRedirectUri } from '../../hostedUi/redirectUri.js';
import { toAuthException } from '../../model/toAuthException.js';
import type { HostedUiRuntime } from '../../hostedUi/HostedUiRuntime.js';
import { logoutUrl } from '../../hostedUi/oauthUrls.js';
import type { WebUIBrowser } from '../../hostedUi/WebUIBrowser.js';

/**
 * Ends the hosted-UI session (its cookie) through `/logout` after a sign-out, if the session came from the
 * hosted UI. Waits at most the request timeout; a failure is reported, never thrown: the local sign-out
 * has already happened.
 */
export async function signOutWebUI(
  hostedUi: HostedUiRuntime,
  browser: () => Promise<WebUIBrowser>,
  logger: Logger,
): Promise<{ completed: boolean; error?: AuthException } | undefined> {
  if (!(await hostedUi.wasSignedIn())) return undefined;
  await hostedUi.markSignedIn(false);
  const logoutUri = pickRedirectUri(hostedUi.config.signOutRedirectUris);
  if (!logoutUri) {
    logger.warn('No SignOutRedirectURI is configured, so the hosted-UI session was not ended.');
    return { completed: false };
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error('The hosted UI did not answer /logout in time.')),
      hostedUi.requestTimeoutMs,
    );
  });
  try {
    await Promise.race([(await browser()).open(logoutUrl(hostedUi.config, logoutUri), logoutUri), deadline]);
    return { completed: true };
  } catch (error) {
    logger.warn('Ending the hosted-UI session failed; the local sign-out is done.', error);
    return { completed: false, error: toAuthException(error) };
  } finally {
    clearTimeout(timer);
  }
}
