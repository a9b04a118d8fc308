// Seed page, "Subscribing Events": act when users sign in, sign out, federate or lose their session.
import { Hub, HubChannel, type SubscriptionToken } from '@plugboard/core';
import { AWSCognitoAuthChannelEventName } from '@plugboard/auth-cognito-plugin';
import { consoleLog, type QuickstartLog } from './log';

export function subscribeToAuthEvents(log: QuickstartLog = consoleLog): SubscriptionToken {
  // The listener's `event` is typed: a union of the auth events, so `event.data` matches `event.name`.
  return Hub.subscribe(HubChannel.AUTH, (event) => {
    switch (event.name) {
      case 'SIGNED_IN':
        log.info(`User signed in: ${event.data.username}`);
        break;
      case 'SIGNED_OUT':
        log.info('User signed out.');
        break;
      case 'SESSION_EXPIRED':
        log.info(`Session expired (${event.data.reason}); sign in or federate again.`);
        break;
      case 'USER_DELETED':
        log.info('User deleted.');
        break;
      case AWSCognitoAuthChannelEventName.FEDERATED_TO_IDENTITY_POOL:
        log.info(`Federated to identity pool as ${event.data.identityId} via ${event.data.providerName}.`);
        break;
      case AWSCognitoAuthChannelEventName.FEDERATION_TO_IDENTITY_POOL_CLEARED:
        log.info('Federation to identity pool cleared.');
        break;
    }
  });
}
