// Seed page, "Token Refresh": provider tokens are not refreshed for you. Either give the plugin a fresh
// token when the session expires, or let the plugin ask for one through `federatedTokenRefresher`.
import { Amplify, Hub, HubChannel, type SubscriptionToken } from '@plugboard/core';
import { AuthProvider, AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';
import { consoleLog, type QuickstartLog } from './log';

/** Your code that gets a new token from the provider's SDK (Facebook, Google, ...). */
export type GetFreshProviderToken = (providerName: string) => Promise<string>;

/** Option 1: when the stored provider token is rejected, federate again with a fresh one. */
export function refederateWhenSessionExpires(
  getFreshToken: GetFreshProviderToken,
  log: QuickstartLog = consoleLog,
): SubscriptionToken {
  return Hub.subscribe(
    HubChannel.AUTH,
    (event) => event.name === 'SESSION_EXPIRED' && event.data.reason === 'federatedTokenRejected',
    async (event) => {
      const providerName = event.name === 'SESSION_EXPIRED' ? event.data.providerName : undefined;
      if (!providerName) return;
      try {
        const token = await getFreshToken(providerName);
        const plugin = Amplify.Auth.getPlugin('awsCognitoAuthPlugin');
        await plugin.federateToIdentityPool(token, AuthProvider.custom(providerName));
        log.info('Federated again with a fresh provider token.');
      } catch (error) {
        log.error('Failed to federate again.', error);
      }
    },
  );
}

/** Option 2: the plugin asks for a fresh token itself and re-federates to the same identity id. */
export function pluginWithTokenRefresher(getFreshToken: GetFreshProviderToken): AWSCognitoAuthPlugin {
  return new AWSCognitoAuthPlugin({ federatedTokenRefresher: getFreshToken });
}
