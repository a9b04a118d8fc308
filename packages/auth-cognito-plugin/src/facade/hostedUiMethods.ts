import type { AuthSignInResult } from '@plugboard/core';
import type { SignInWithWebUIOptions } from '../hostedUi/WebUIBrowser.js';
import type { AuthProvider } from '../model/AuthProvider.js';
import type { AuthErrorCallback } from '../runtime/options.js';

/** The hosted-UI sign-in methods of `AWSCognitoAuthPlugin` (OAuth 2.0 authorization code with PKCE). */
export interface AWSCognitoHostedUiMethods {
  /**
   * Signs in through the user pool's hosted UI. In a page the tab is redirected and the sign-in completes
   * when the app loads again and configures the plugin; in Node a loopback listener waits for the
   * redirect. Identity-pool credentials follow as after any sign-in.
   */
  signInWithWebUI(options?: SignInWithWebUIOptions): Promise<AuthSignInResult>;
  /**
   * Callback form of `signInWithWebUI`: `onSuccess` receives the sign-in result, `onError` the AuthException
   * (InvalidStateException when no hosted UI is configured, UserCancelledException when the user gives up).
   */
  signInWithWebUI(onSuccess: (result: AuthSignInResult) => void, onError: AuthErrorCallback): void;
  /** Callback form of `signInWithWebUI` with options. */
  signInWithWebUI(
    options: SignInWithWebUIOptions | undefined,
    onSuccess: (result: AuthSignInResult) => void,
    onError: AuthErrorCallback,
  ): void;

  /** Like `signInWithWebUI`, going straight to a social provider (`identity_provider`). */
  signInWithSocialWebUI(provider: AuthProvider, options?: SignInWithWebUIOptions): Promise<AuthSignInResult>;
  /**
   * Callback form of `signInWithSocialWebUI`: `onSuccess` receives the sign-in result, `onError` the
   * AuthException.
   */
  signInWithSocialWebUI(
    provider: AuthProvider,
    onSuccess: (result: AuthSignInResult) => void,
    onError: AuthErrorCallback,
  ): void;
  /** Callback form of `signInWithSocialWebUI` with options. */
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
