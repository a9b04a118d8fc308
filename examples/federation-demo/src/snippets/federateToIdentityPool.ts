// Seed page, "Identity Pool Federation": exchange a social provider's token for AWS credentials.
import { Amplify } from '@plugboard/core';
import {
  AuthProvider,
  AWSCognitoAuthPlugin,
  type FederateToIdentityPoolResult,
} from '@plugboard/auth-cognito-plugin';
import { consoleLog, type QuickstartLog } from './log';

/** Promise style. */
export async function federateWithPromise(
  token: string,
  provider: AuthProvider = AuthProvider.facebook(),
  log: QuickstartLog = consoleLog,
): Promise<FederateToIdentityPoolResult | undefined> {
  const plugin = Amplify.Auth.getPlugin('awsCognitoAuthPlugin'); // typed: AWSCognitoAuthPlugin
  if (!(plugin instanceof AWSCognitoAuthPlugin)) return undefined;
  try {
    const result = await plugin.federateToIdentityPool(token, provider);
    log.info('Successful federation to Identity Pool.');
    return result; // use result.credentials
  } catch (error) {
    log.error('Failed to federate to Identity Pool.', error);
    return undefined;
  }
}

/** Callback style, as on the seed page. */
export function federateWithCallbacks(
  token: string,
  use: (result: FederateToIdentityPoolResult) => void,
  provider: AuthProvider = AuthProvider.facebook(),
  log: QuickstartLog = consoleLog,
): void {
  const plugin = Amplify.Auth.getPlugin('awsCognitoAuthPlugin');
  if (plugin instanceof AWSCognitoAuthPlugin) {
    plugin.federateToIdentityPool(
      token,
      provider,
      (result) => {
        log.info('Successful federation to Identity Pool.');
        use(result); // use result.credentials
      },
      (error) => log.error('Failed to federate to Identity Pool.', error),
    );
  }
}
