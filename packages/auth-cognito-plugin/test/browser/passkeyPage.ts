// The page of the passkey Chromium test, bundled with esbuild: the plugin itself calls
// navigator.credentials (Chromium's virtual authenticator answers); the test drives it through window.page.
import { Amplify, Hub, HubChannel, type AmplifyConfiguration } from '@plugboard/core';
import { AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';

const page = window as unknown as { plugboardConfig: AmplifyConfiguration; page: Record<string, unknown> };
const events: string[] = [];
Hub.subscribe(HubChannel.AUTH, (event) => void events.push(event.name));
const plugin = new AWSCognitoAuthPlugin();
Amplify.addPlugin(plugin);
Amplify.configure(page.plugboardConfig);

/** Resolves with the value, or with `{ error: name, message }`, so the test can read refusals. */
const settle = async (work: Promise<unknown>): Promise<unknown> =>
  work.then(
    (value) => ({ value }),
    (error: { name?: string; message?: string; recoverySuggestion?: string }) => ({
      error: error.name,
      message: error.message,
      recoverySuggestion: error.recoverySuggestion,
    }),
  );

page.page = {
  signIn: (username: string, password: string) => settle(plugin.signIn(username, password)),
  passkeySignIn: (username: string) =>
    settle(
      plugin.signIn(username, undefined, { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' }),
    ),
  chooseFirstFactor: (username: string, factor: string) =>
    settle(
      plugin
        .signIn(username, undefined, { authFlowType: 'USER_AUTH' })
        .then((step) => (factor ? plugin.confirmSignIn(factor) : step)),
    ),
  associate: () => settle(plugin.associateWebAuthnCredential()),
  associateWithCallbacks: () =>
    settle(new Promise<void>((resolve, reject) => plugin.associateWebAuthnCredential(resolve, reject))),
  list: (pageSize?: number, nextToken?: string) =>
    settle(
      plugin.listWebAuthnCredentials({
        ...(pageSize ? { pageSize } : {}),
        ...(nextToken ? { nextToken } : {}),
      }),
    ),
  remove: (credentialId: string) => settle(plugin.deleteWebAuthnCredential(credentialId)),
  signOut: () => settle(plugin.signOut()),
  async credentials() {
    const session = await plugin.fetchAuthSession();
    return { isSignedIn: session.isSignedIn, credentials: session.awsCredentialsResult.type };
  },
  /** The identity-pool credentials of the session, for the test to sign a DynamoDB write with. */
  async awsCredentials() {
    const session = await plugin.fetchAuthSession();
    const credentials = session.awsCredentialsResult;
    const identityId = session.identityIdResult;
    if (credentials.type !== 'SUCCESS' || identityId.type !== 'SUCCESS') return undefined;
    const { accessKeyId, secretAccessKey, sessionToken } = credentials.value;
    return { accessKeyId, secretAccessKey, sessionToken, identityId: identityId.value };
  },
  events: () => [...events],
};
document.body.dataset.ready = 'true';
