// Bundle entry for the several-tabs row: one tab's app with aws-amplify v6, a guest session from an
// identity pool (its Cognito credentials provider, `identityPoolEndpoint` pointed at the emulator).
// The page sets globalThis.benchConfig and the clock (Date.now, moved by the benchmark).
import { Amplify } from 'aws-amplify';
import { fetchAuthSession } from 'aws-amplify/auth';
import { ConsoleLogger } from 'aws-amplify/utils';

ConsoleLogger.LOG_LEVEL = 'ERROR'; // quiet the custom-endpoint warning
const config = globalThis.benchConfig;
Amplify.configure({
  Auth: {
    Cognito: {
      identityPoolId: config.identityPoolId,
      identityPoolEndpoint: config.cognitoEndpoint,
      allowGuestAccess: true,
    },
  },
});
globalThis.benchTab = {
  async fetch() {
    try {
      const { credentials } = await fetchAuthSession();
      return credentials
        ? { accessKeyId: credentials.accessKeyId, expiration: credentials.expiration.getTime() }
        : { error: 'no credentials' };
    } catch (error) {
      return { error: error.name };
    }
  },
};
