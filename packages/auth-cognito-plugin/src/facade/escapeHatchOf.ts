import { InvalidStateException } from '@plugboard/core';
import type { ConfiguredPlugin } from '../runtime/createRuntime.js';
import type { EscapeHatch } from '../runtime/options.js';

/** The loaded SDK clients, each only when its pool is configured and its client created. */
export function escapeHatchOf(configured: ConfiguredPlugin | undefined): EscapeHatch {
  const cognitoIdentityClient = configured?.sdkIdentityPool?.loadedClient;
  const cognitoIdentityProviderClient = configured?.sdkUserPool?.loadedClient;
  if (!cognitoIdentityClient && !cognitoIdentityProviderClient) {
    throw new InvalidStateException(
      'The AWS SDK clients are not loaded yet.',
      'Await plugin.loadEscapeHatch() first; the AWS SDK clients are loaded only when needed.',
    );
  }
  return {
    ...(cognitoIdentityClient ? { cognitoIdentityClient } : {}),
    ...(cognitoIdentityProviderClient ? { cognitoIdentityProviderClient } : {}),
  };
}
