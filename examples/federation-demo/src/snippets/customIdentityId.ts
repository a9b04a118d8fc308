// Seed page, "Provide Custom Identity Id": federate to an identity id you already know, e.g. to use the
// same identity on several devices. Cognito is not asked for an id (no GetId call).
import { Amplify } from '@plugboard/core';
import {
  AuthProvider,
  AWSCognitoAuthPlugin,
  FederateToIdentityPoolOptions,
  type FederateToIdentityPoolResult,
} from '@plugboard/auth-cognito-plugin';
import { consoleLog, type QuickstartLog } from './log';

/** Callback style with the options builder, as on the seed page. */
export function federateWithCustomIdentityId(
  token: string,
  identityId: string,
  use: (result: FederateToIdentityPoolResult) => void,
  provider: AuthProvider = AuthProvider.facebook(),
  log: QuickstartLog = consoleLog,
): void {
  const options = FederateToIdentityPoolOptions.builder().developerProvidedIdentityId(identityId).build();
  const plugin = Amplify.Auth.getPlugin('awsCognitoAuthPlugin');
  if (plugin instanceof AWSCognitoAuthPlugin) {
    plugin.federateToIdentityPool(
      token,
      provider,
      options,
      (result) => {
        log.info('Successful federation to Identity Pool.');
        use(result); // use result.credentials
      },
      (error) => log.error('Failed to federate to Identity Pool.', error),
    );
  }
}

/** Promise style; a plain options object works too. */
export function federateWithCustomIdentityIdAsync(
  token: string,
  identityId: string,
  provider: AuthProvider = AuthProvider.facebook(),
): Promise<FederateToIdentityPoolResult> {
  return Amplify.Auth.getPlugin('awsCognitoAuthPlugin').federateToIdentityPool(token, provider, {
    developerProvidedIdentityId: identityId,
  });
}
