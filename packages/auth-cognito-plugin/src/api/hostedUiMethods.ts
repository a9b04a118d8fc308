import {
  InvalidParameterException,
  InvalidStateException,
  type AuthSignInResult,
  type AuthSignOutResult,
} from '@plugboard/core';
import type { AuthProvider } from '../model/AuthProvider.js';
import { defaultWebUIBrowser, validateWebUIOptions } from '../hostedUi/defaultWebUIBrowser.js';
import type { HostedUiRuntime } from '../hostedUi/HostedUiRuntime.js';
import { identityProviderFor } from '../hostedUi/socialProvider.js';
import type { SignInWithWebUIOptions, WebUIBrowser } from '../hostedUi/WebUIBrowser.js';
import { noUserPool } from '../model/errors.js';
import { validateProvider } from '../model/validate.js';
import type { ConfiguredPlugin } from './createRuntime.js';
import type { Perform, Prepared } from './createRuntime.js';
import type { AuthErrorCallback } from './options.js';

/** The hosted-UI sign-in methods of `AWSCognitoAuthPlugin` (OAuth 2.0 authorization code with PKCE). */
export interface AWSCognitoHostedUiMethods {
  /**
   * Signs in through the user pool's hosted UI. In a page the tab is redirected and the sign-in completes
   * when the app loads again and configures the plugin; in Node a loopback listener waits for the
   * redirect. Identity-pool credentials follow as after any sign-in.
   */
  signInWithWebUI(options?: SignInWithWebUIOptions): Promise<AuthSignInResult>;
  signInWithWebUI(onSuccess: (result: AuthSignInResult) => void, onError: AuthErrorCallback): void;
  signInWithWebUI(
    options: SignInWithWebUIOptions | undefined,
    onSuccess: (result: AuthSignInResult) => void,
    onError: AuthErrorCallback,
  ): void;

  /** Like `signInWithWebUI`, going straight to a social provider (`identity_provider`). */
  signInWithSocialWebUI(provider: AuthProvider, options?: SignInWithWebUIOptions): Promise<AuthSignInResult>;
  signInWithSocialWebUI(
    provider: AuthProvider,
    onSuccess: (result: AuthSignInResult) => void,
    onError: AuthErrorCallback,
  ): void;
  signInWithSocialWebUI(
    provider: AuthProvider,
    options: SignInWithWebUIOptions | undefined,
    onSuccess: (result: AuthSignInResult) => void,
    onError: AuthErrorCallback,
  ): void;

  /**
   * Completes a hosted-UI sign-in from the redirect URL (`?code=&state=`). Pages that configure the plugin
   * on load need not call it: configure does. A redirect is redeemed once; a forged or replayed one is
   * refused.
   */
  completeSignInWithWebUI(redirectUrl: string): Promise<AuthSignInResult>;
}

/** The hosted-UI operations, loaded on first use (apps that never use the hosted UI never download them). */
const operations = () => import('./signInWithWebUIEntry.js');

/** The runtime of the configuration the call was made under; throws when there is none. */
export type RuntimeOf = () => ConfiguredPlugin;

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
async function signInThroughBrowser(
  runtime: RuntimeOf,
  perform: Perform,
  method: string,
  provider: AuthProvider | undefined,
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
  const { completeSignInWithWebUI, openSignInWithWebUI } = await operations();
  const redirect = await openSignInWithWebUI(current, hostedUi, chosen, identityProvider);
  return perform(
    configured,
    method,
    network((rt) => completeSignInWithWebUI(rt, hostedUi, redirect)),
  );
}

type HostedUiMethod = (
  positional: readonly unknown[],
  options: unknown,
  runtime: RuntimeOf,
  perform: Perform,
) => Promise<unknown>;

/** The hosted-UI methods, by name: positional arguments, options and the runtime of the call. */
export const HOSTED_UI_METHODS: Record<keyof AWSCognitoHostedUiMethods, HostedUiMethod> = {
  signInWithWebUI: (_, options, runtime, perform) =>
    signInThroughBrowser(runtime, perform, 'signInWithWebUI', undefined, options),
  signInWithSocialWebUI: ([provider], options, runtime, perform) =>
    signInThroughBrowser(runtime, perform, 'signInWithSocialWebUI', provider as AuthProvider, options),
  async completeSignInWithWebUI([redirectUrl], _, runtime, perform) {
    const { configured, hostedUi } = requireHostedUi(runtime);
    if (typeof redirectUrl !== 'string' || redirectUrl.length > 8192)
      throw new InvalidParameterException(
        'The redirect URL must be a string of at most 8192 characters.',
        'Pass window.location.href of the page the hosted UI redirected to.',
      );
    const { completeSignInWithWebUI } = await operations();
    return perform(
      configured,
      'completeSignInWithWebUI',
      network((rt) => completeSignInWithWebUI(rt, hostedUi, redirectUrl)),
    );
  },
};

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
  const { signOutWebUI } = await import('./signOutWebUIEntry.js');
  const ended = await signOutWebUI(
    hostedUi,
    async () => browser ?? defaultWebUIBrowser(hostedUi.requestTimeoutMs),
    configured.base.logger,
  );
  return ended ? Object.freeze({ ...result, hostedUISignOut: Object.freeze(ended) }) : result;
}
