// Bundle entry: configure, federate a provider token, fetch the session (Plugboard).
import { Amplify } from '@plugboard/core';
import { AWSCognitoAuthPlugin, AuthProvider } from '@plugboard/auth-cognito-plugin';

const plugin = new AWSCognitoAuthPlugin();
Amplify.addPlugin(plugin);
Amplify.configure({
  auth: {
    plugins: {
      awsCognitoAuthPlugin: {
        CredentialsProvider: {
          CognitoIdentity: {
            Default: { PoolId: 'us-east-1:00000000-0000-0000-0000-000000000000', Region: 'us-east-1' },
          },
        },
      },
    },
  },
});
await plugin.federateToIdentityPool(globalThis.providerToken, AuthProvider.facebook());
console.log((await Amplify.Auth.fetchAuthSession()).identityIdResult);
