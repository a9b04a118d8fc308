import type { AuthHubEventSource } from '@plugboard/core';
import type { AWSCognitoAuthPlugin } from './AWSCognitoAuthPlugin.js';

/** Auth events published by this plugin (besides core's `AuthChannelEventName`). */
export const AWSCognitoAuthChannelEventName = {
  /** `federateToIdentityPool` succeeded and the session is stored. Data: `{ identityId, providerName }`. */
  FEDERATED_TO_IDENTITY_POOL: 'FEDERATED_TO_IDENTITY_POOL',
  /** `clearFederationToIdentityPool` succeeded. No data (`{ source }` when another context cleared). */
  FEDERATION_TO_IDENTITY_POOL_CLEARED: 'FEDERATION_TO_IDENTITY_POOL_CLEARED',
} as const;
/** The name of an event the plugin publishes on its own Hub channel. */
export type AWSCognitoAuthChannelEventName =
  (typeof AWSCognitoAuthChannelEventName)[keyof typeof AWSCognitoAuthChannelEventName];

declare module '@plugboard/core' {
  interface AuthHubEventDataMap {
    /** `federateToIdentityPool` succeeded and the session is stored. */
    FEDERATED_TO_IDENTITY_POOL: {
      readonly identityId: string;
      readonly providerName: string;
    } & AuthHubEventSource;
    /** `clearFederationToIdentityPool` succeeded (no data), or another context's clear was followed. */
    FEDERATION_TO_IDENTITY_POOL_CLEARED: AuthHubEventSource | undefined;
  }
  interface AuthPluginRegistry {
    awsCognitoAuthPlugin: AWSCognitoAuthPlugin;
  }
}
