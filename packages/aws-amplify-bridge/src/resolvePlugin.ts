import { Amplify, InvalidParameterException } from '@plugboard/core';
import { AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';

/** Options of {@link plugboardAuthProviders}. */
export interface PlugboardAuthProvidersOptions {
  /** The plugin whose session aws-amplify uses. Default: `Amplify.Auth.getPlugin('awsCognitoAuthPlugin')` of `@plugboard/core`, looked up on each call. */
  readonly plugin?: AWSCognitoAuthPlugin;
}

/** Checks the options and returns how to find the plugin on each call (the lookup may throw). */
export function resolvePlugin(options: unknown): () => AWSCognitoAuthPlugin {
  const { plugin, ...unknown } = Object(options) as PlugboardAuthProvidersOptions;
  if (
    typeof options != 'object' ||
    !options ||
    Array.isArray(options) ||
    Object.keys(unknown).length ||
    (plugin !== undefined && !(plugin instanceof AWSCognitoAuthPlugin))
  )
    throw new InvalidParameterException(
      'plugboardAuthProviders: options must be { plugin?: AWSCognitoAuthPlugin }.',
      'Pass no options (the plugin added to Amplify) or { plugin }.',
    );
  return () => plugin ?? Amplify.Auth.getPlugin('awsCognitoAuthPlugin');
}
