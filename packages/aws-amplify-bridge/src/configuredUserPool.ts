import { Amplify } from 'aws-amplify';

/** aws-amplify's auth configuration when it names a user pool (pool id and app client id), else undefined. */
export function configuredUserPool(): NonNullable<ReturnType<typeof Amplify.getConfig>['Auth']> | undefined {
  const auth = Amplify.getConfig().Auth;
  return auth?.Cognito.userPoolId && auth.Cognito.userPoolClientId ? auth : undefined;
}
