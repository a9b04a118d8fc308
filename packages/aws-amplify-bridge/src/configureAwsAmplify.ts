import type { ResourcesConfig } from 'aws-amplify';
import { Amplify } from 'aws-amplify';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { hasUserPool } from './hasUserPool.js';
import {
  plugboardAuthProviders,
  type PlugboardAuthProviders,
  type PlugboardAuthProvidersOptions,
} from './plugboardAuthProviders.js';

/** aws-amplify's library options, without `Auth`: the bridge provides it. */
export type AwsAmplifyLibraryOptions = Omit<NonNullable<Parameters<typeof Amplify.configure>[1]>, 'Auth'>;

/**
 * `Amplify.configure(config, { ...libraryOptions, Auth: plugboardAuthProviders(options) })` of
 * aws-amplify, plus one step aws-amplify skips when it is given its auth providers: its `signOut` still
 * clears its own default user-pool token store, which refuses to work (`AuthUserPoolException`) unless it
 * knows the user pool. With a user pool in `config`, this tells that store the pool, as aws-amplify's
 * `configure` does without custom providers, so aws-amplify's `signOut` runs through to the credentials
 * provider and ends Plugboard's session. Returns the providers.
 */
export function configureAwsAmplify(
  config: ResourcesConfig,
  libraryOptions: AwsAmplifyLibraryOptions = {},
  options: PlugboardAuthProvidersOptions = {},
): PlugboardAuthProviders {
  const providers = plugboardAuthProviders(options);
  Amplify.configure(config, { ...libraryOptions, Auth: providers });
  const auth = Amplify.getConfig().Auth;
  if (hasUserPool(auth)) cognitoUserPoolsTokenProvider.setAuthConfig(auth);
  return providers;
}
