import {
  InvalidParameterException,
  InvalidStateException,
  type AuthSignInResult,
  type AuthSignOutResult,
} from '@plugboard/core';
import { defaultWebUIBrowser, validateWebUIOptions } from '../hostedUi/defaultWebUIBrowser.js';
import type { HostedUiRuntime } from '../hostedUi/HostedUiRuntime.js';
import { identityProviderFor } from '../hostedUi/socialProvider.js';
import type { WebUIBrowser } from '../hostedUi/WebUIBrowser.js';
import { noUserPool } from '../model/errors.js';
import { validateProvider } from '../model/validate.js';
import type { ConfiguredPlugin, Perform, Prepared } from './createRuntime.js';
import { completeSignInWithWebUI, openSignInWithWebUI } from '../operations/hostedUi/signInWithWebUI.js';
import { signOutWebUI } from '../operations/hostedUi/signOutWebUI.js';

/**
 * The runtime of the configuration the call was made under; throws when there is none. `replaced` says
 * whether a later configuration (or a reset) has replaced it since.
 */
export type RuntimeOf = (() => ConfiguredPlugin) & { readonly replaced?: () => boolean };

/** The configured hosted UI, or why there is none. */
export function requireHostedUi(runtime: RuntimeOf): {
  configured: ConfiguredPlugin;
  hostedUi: HostedUiRuntime;
} {
  const ready = runtime();
  if (!ready.base.userPool) throw noUserPool();
  if (!ready.hostedUi)
    throw new InvalidStateException(
      'No hosted UI is configured.',
      'Add Auth.Default.OAuth (WebDomain, SignInRedirectURI, ...) to the awsCognitoAuthPlugin configuration, or auth.oauth to amplify_outputs.json.',
    );
  return { configured: ready, hostedUi: ready.hostedUi };
}

const network = <T>(run: Prepared<T>['run']): Prepared<T> => ({ local: false, run });

/** Waits for the user outside the operation queue, then completes the sign-in as a queued operation. */
export async function signInThroughBrowser(
  runtime: RuntimeOf,
  perform: Perform,
  method: string,
  provider: unknown,
  options: unknown,
): Promise<AuthSignInResult> {
  const identityProvider =
    provider === undefined ? undefined : identityProviderFor(validateProvider(provider));
  const { browser } = validateWebUIOptions(options);
  const { configured, hostedUi } = requireHostedUi(runtime);
  const chosen = browser ?? (await defaultWebUIBrowser());
  // The state as of this call's turn in the queue (after the restore and every earlier operation).
  const current = await perform(
    configured,
    method,
    network(async (rt) => rt.machine.state),
  );
  const redirect = await openSignInWithWebUI(current, hostedUi, chosen, identityProvider);
  // Reconfigured (or reset) while the user was in the browser: the app now reads another runtime, and
  // the new configuration may name another pool or client, so the answer is not redeemed on the old one.
  if (runtime.replaced?.()) {
    await hostedUi.pending.take();
    throw new InvalidStateException(
      'The auth configuration changed (configure or reset) while the hosted-UI sign-in waited for the browser; the sign-in was not completed and nothing was stored.',
      'Start the sign-in again with signInWithWebUI under the new configuration.',
    );
  }
  return perform(
    configured,
    method,
    network((rt) => completeSignInWithWebUI(rt, hostedUi, redirect)),
  );
}

/** Completes a hosted-UI sign-in from the redirect URL, as a queued operation. */
export function completeSignInWithWebUIAt(
  runtime: RuntimeOf,
  perform: Perform,
  redirectUrl: unknown,
): Promise<AuthSignInResult> {
  const { configured, hostedUi } = requireHostedUi(runtime);
  if (typeof redirectUrl !== 'string' || redirectUrl.length > 8192)
    throw new InvalidParameterException(
      'The redirect URL must be a string of at most 8192 characters.',
      'Pass window.location.href of the page the hosted UI redirected to.',
    );
  return perform(
    configured,
    'completeSignInWithWebUI',
    network((rt) => completeSignInWithWebUI(rt, hostedUi, redirectUrl)),
  );
}

/**
 * After a sign-out: ends the hosted-UI session through `/logout` when the session came from the hosted
 * UI, bounded by the request timeout, and says in the result whether that completed.
 */
export async function endHostedUiSession(
  configured: ConfiguredPlugin,
  result: AuthSignOutResult,
  browser: WebUIBrowser | undefined,
): Promise<AuthSignOutResult> {
  const hostedUi = configured.hostedUi;
  if (!hostedUi) return result;
  const ended = await signOutWebUI(
    hostedUi,
    async () => browser ?? defaultWebUIBrowser(hostedUi.requestTimeoutMs),
    configured.base.logger,
  );
  return ended ? Object.freeze({ ...result, hostedUISignOut: Object.freeze(ended) }) : result;
}
