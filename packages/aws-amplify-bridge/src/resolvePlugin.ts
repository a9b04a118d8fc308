import { Amplify, InvalidParameterException } from '@plugboard/core';
import { AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';

/** Options of {@link plugboardAuthProviders}. */
export interface PlugboardAuthProvidersOptions {
  /** The plugin whose session aws-amplify uses. Default: `Amplify.Auth.getPlugin('awsCognitoAuthPlugin')` of `@plugboard/core`, looked up on each call. */
  readonly plugin?: AWSCognitoAuthPlugin;
}

/** Checks the options and returns how to find the plugin on each call (the lookup may throw). */
export function resolvePlugin(options: unknown): () => AWSCognitoAuthPlugin {
  const hint =
    'Call plugboardAuthProviders() or plugboardAuthProviders({ plugin }) with your AWSCognitoAuthPlugin.';
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidParameterException('plugboardAuthProviders: options must be an object.', hint);
  const unknown = Object.keys(options).filter((key) => key !== 'plugin');
  if (unknown.length > 0)
    throw new InvalidParameterException(
      `plugboardAuthProviders: unknown option ${JSON.stringify(unknown[0])}.`,
      hint,
    );
  const { plugin } = options as PlugboardAuthProvidersOptions;
  if (plugin !== undefined && !(plugin instanceof AWSCognitoAuthPlugin))
    throw new InvalidParameterException(
      'plugboardAuthProviders: `plugin` must be an AWSCognitoAuthPlugin.',
      hint,
    );
  return () => plugin ?? Amplify.Auth.getPlugin('awsCognitoAuthPlugin');
}
