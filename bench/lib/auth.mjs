// Both libraries' auth set up against one Cognito Identity emulator, behind the same small interface:
// fetch() is the app-level session fetch, credentialsOf(session) the AWS credentials it carries.
import { startCognitoIdentityEmulator } from '@plugboard/cognito-identity-emulator';

export const FACEBOOK = 'graph.facebook.com';

/** A clock that reads the real time plus an offset the benchmark can move forward. */
export function offsetClock() {
  const realNow = Date.now;
  let offset = 0;
  return { now: () => realNow() + offset, advance: (ms) => void (offset += ms) };
}

/** The emulator with one pool that allows guests and trusts the test IdP as Facebook. */
export async function startBackend(options = {}) {
  const emulator = await startCognitoIdentityEmulator({ port: 0, ...options });
  const poolId = await emulator.createIdentityPool({
    allowUnauthenticatedIdentities: true,
    supportedLoginProviders: { [FACEBOOK]: 'bench-app' },
  });
  return { emulator, poolId };
}

/** Plugboard through the Amplify.Auth category facade, as app code calls it. */
export async function plugboardAuth({ emulator, poolId }, pluginOptions = {}) {
  const { Amplify } = await import('@plugboard/core');
  const { AWSCognitoAuthPlugin, AuthProvider } = await import('@plugboard/auth-cognito-plugin');
  const plugin = new AWSCognitoAuthPlugin(pluginOptions);
  Amplify.addPlugin(plugin);
  Amplify.configure({
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: {
            CognitoIdentity: {
              Default: { PoolId: poolId, Region: 'us-east-1', Endpoint: emulator.endpoint },
            },
          },
        },
      },
    },
  });
  return {
    fetch: () => Amplify.Auth.fetchAuthSession(),
    credentialsOf: (s) =>
      s.awsCredentialsResult.type === 'SUCCESS' ? s.awsCredentialsResult.value : undefined,
    async federate() {
      const token = await emulator.issueProviderToken({ providerName: FACEBOOK, subject: 'bench-user' });
      await plugin.federateToIdentityPool(token, AuthProvider.facebook());
    },
  };
}

/**
 * aws-amplify with an identity pool only (no user pool), so its session fetch gets guest credentials
 * from the emulator through `identityPoolEndpoint`. In Node it keeps the identity id in memory.
 */
export async function awsAmplifyAuth({ emulator, poolId }) {
  const { Amplify } = await import('aws-amplify');
  const { fetchAuthSession } = await import('aws-amplify/auth');
  const { ConsoleLogger } = await import('aws-amplify/utils');
  ConsoleLogger.LOG_LEVEL = 'ERROR'; // quiet the custom-endpoint warning
  Amplify.configure({
    Auth: {
      Cognito: { identityPoolId: poolId, identityPoolEndpoint: emulator.endpoint, allowGuestAccess: true },
    },
  });
  return { fetch: () => fetchAuthSession(), credentialsOf: (s) => s.credentials };
}

/** Requests the emulator received, by operation name. */
export function requestCounts(emulator) {
  const counts = {};
  for (const { operation } of emulator.requests()) counts[operation] = (counts[operation] ?? 0) + 1;
  return counts;
}
