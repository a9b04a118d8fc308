// Bundle entry for the several-tabs row: one tab's app with Plugboard, a guest session from an identity
// pool, the default browser storage (localStorage, shared by the tabs). The page sets
// globalThis.benchConfig and the clock (Date.now, moved by the benchmark); `benchTab.fetch()` answers
// what the tab's session fetch gave.
import { Amplify } from '@plugboard/core';
import { AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';

const config = globalThis.benchConfig;
const plugin = new AWSCognitoAuthPlugin();
Amplify.addPlugin(plugin);
Amplify.configure({
  auth: {
    plugins: {
      awsCognitoAuthPlugin: {
        CredentialsProvider: {
          CognitoIdentity: {
            Default: {
              PoolId: config.identityPoolId,
              Region: config.region,
              Endpoint: config.cognitoEndpoint,
            },
          },
        },
      },
    },
  },
});
globalThis.benchTab = {
  async fetch() {
    const session = await plugin.fetchAuthSession();
    const result = session.awsCredentialsResult;
    return result.type === 'SUCCESS'
      ? { accessKeyId: result.value.accessKeyId, expiration: result.value.expiration.getTime() }
      : { error: result.error.name };
  },
};
