import { InvalidStateException } from '@plugboard/core';

// Named factories for the errors several modules raise, so each text is written once (`notConfigured`
// is apart, in `notConfigured.ts`: the plugin class raises it before its runtime has loaded).

const IDENTITY_POOL_RECOVERY =
  'Add CredentialsProvider.CognitoIdentity.Default (PoolId, Region) to the awsCognitoAuthPlugin configuration.';

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
