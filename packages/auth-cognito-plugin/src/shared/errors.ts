import { InvalidStateException } from '@plugboard/core';

// Named factories for the errors several modules raise, so each text is written once.

const IDENTITY_POOL_RECOVERY =
  'Add CredentialsProvider.CognitoIdentity.Default (PoolId, Region) to the awsCognitoAuthPlugin configuration.';

/** The plugin has not been configured (or was reset). */
export function notConfigured(): InvalidStateException {
  return new InvalidStateException(
    'The Cognito auth plugin is not configured.',
    'Add it with Amplify.addPlugin(new AWSCognitoAuthPlugin()) and call Amplify.configure(config) with an awsCognitoAuthPlugin section first.',
  );
}

/** No identity pool is configured; `consequence` says what is therefore missing. */
export function noIdentityPool(consequence: string): InvalidStateException {
  return new InvalidStateException(
    `No identity pool is configured, so ${consequence}.`,
    IDENTITY_POOL_RECOVERY,
  );
}

/** No user pool is configured. */
export function noUserPool(): InvalidStateException {
  return new InvalidStateException(
    'No user pool is configured, so there is no user-pool sign-in.',
    'Add CognitoUserPool.Default (PoolId, AppClientId, Region) to the awsCognitoAuthPlugin configuration.',
  );
}
