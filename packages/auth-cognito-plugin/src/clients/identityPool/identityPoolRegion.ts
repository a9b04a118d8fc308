import { ConfigurationException, type CognitoIdentityPoolConfig } from '@plugboard/core';

/**
 * The region of an identity pool, from its id (`<region>:<uuid>`): the service answers requests for a
 * pool only in that region, so a configured `Region` that says otherwise is refused before any call.
 */
export function identityPoolRegion(config: Pick<CognitoIdentityPoolConfig, 'PoolId' | 'Region'>): string {
  const fromId = config.PoolId.split(':')[0] ?? '';
  if (config.Region !== undefined && config.Region !== fromId) {
    throw new ConfigurationException(
      `Identity pool ${config.PoolId} is in ${fromId}, but the configured Region is ${config.Region}.`,
      `Set CredentialsProvider.CognitoIdentity.Default.Region to ${fromId} (or leave it out): an identity pool id starts with its region.`,
    );
  }
  return fromId;
}
