import type { ResourcesConfig } from 'aws-amplify';

/** True when aws-amplify's auth configuration names a user pool (pool id and app client id). */
export function hasUserPool(auth: ResourcesConfig['Auth']): auth is NonNullable<ResourcesConfig['Auth']> {
  return !!(auth?.Cognito.userPoolId && auth.Cognito.userPoolClientId);
}
