/**
 * The user-pool player of the game page: signs in with a password, registers a passkey
 * (`associateWebAuthnCredential`: the browser's authenticator makes it), and signs in again with the
 * passkey alone (`USER_AUTH`, `preferredChallenge: 'WEB_AUTHN'`). Each sign-in federates into the
 * identity pool by itself; the page then saves the score with those credentials as for any player.
 */
import type { AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';
import type { GameConfig } from './config';

export interface PasskeyPlayerHooks {
  readonly $: <T extends HTMLElement>(id: string) => T;
  readonly setStatus: (state: string, text?: string) => void;
  readonly showError: (error: unknown) => void;
  /** Called once the user-pool session has identity-pool credentials. */
  readonly signedIn: (identityId: string) => Promise<void>;
  readonly signedOut: () => void;
}

/** Thrown when the pool offers no passkey sign-in for the player (none registered). */
class NoPasskeyError extends Error {
  override readonly name = 'NoPasskeyError';
}

export function wirePasskeyPlayer(
  plugin: AWSCognitoAuthPlugin,
  config: GameConfig,
  { $, setStatus, showError, signedIn, signedOut }: PasskeyPlayerHooks,
): void {
  $<HTMLInputElement>('username').value = config.userPool.player.username;
  $<HTMLInputElement>('password').value = config.userPool.player.password;
  const username = (): string => $<HTMLInputElement>('username').value;

  const federated = async (how: string): Promise<void> => {
    const session = await plugin.fetchAuthSession();
    if (session.identityIdResult.type !== 'SUCCESS' || session.awsCredentialsResult.type !== 'SUCCESS')
      throw new Error('The sign-in gave no identity-pool credentials.');
    await signedIn(session.identityIdResult.value);
    setStatus('signed-in', `signed in ${how}`);
    $('signed-in-by').textContent = how;
  };

  const on = (id: string, work: () => Promise<void>): void =>
    $(id).addEventListener('click', () => void work().catch(showError));

  on('password-sign-in', async () => {
    setStatus('working', 'signing in...');
    const result = await plugin.signIn(username(), $<HTMLInputElement>('password').value);
    if (!result.isSignedIn) throw new Error(`The pool asks for ${result.nextStep.signInStep}.`);
    await federated('with a password');
  });

  on('register-passkey', async () => {
    setStatus('working', 'registering a passkey...');
    await plugin.associateWebAuthnCredential();
    const { credentials } = await plugin.listWebAuthnCredentials();
    $('passkeys').textContent = String(credentials.length);
    setStatus('passkey-registered', 'passkey registered: sign out, then sign in with it');
  });

  on('passkey-sign-in', async () => {
    setStatus('working', 'signing in with a passkey...');
    const result = await plugin.signIn(username(), undefined, {
      authFlowType: 'USER_AUTH',
      preferredChallenge: 'WEB_AUTHN',
    });
    if (!result.isSignedIn) {
      // Without a passkey the pool offers the other first factors instead.
      await plugin.signOut().catch(() => undefined);
      throw new NoPasskeyError(
        `No passkey sign-in for ${username()} (${result.nextStep.signInStep}): sign in with the password and register a passkey first.`,
      );
    }
    await federated('with a passkey');
  });

  on('sign-out', async () => {
    await plugin.signOut();
    $('signed-in-by').textContent = '-';
    signedOut();
    setStatus('signed-out', 'signed out');
  });
}
