import { ConfigurationException } from '../errors/ConfigurationException.js';

/** Named factories for the configuration errors raised in several places; one wording each. */

export function configurationError(
  message: string,
  recoverySuggestion: string,
  cause?: unknown,
): ConfigurationException {
  return new ConfigurationException(message, recoverySuggestion, cause === undefined ? {} : { cause });
}

/** The value at `path` is wrong: `problem` says how (never quoting a secret). */
export function invalidConfiguration(
  path: string,
  problem: string,
  recoverySuggestion = 'Check the JSON shape against amplifyconfiguration.json or amplify_outputs.json.',
): ConfigurationException {
  return new ConfigurationException(`Invalid configuration at ${path}: ${problem}`, recoverySuggestion);
}

/** The two shapes `Amplify.configure` accepts, for messages that have to name them. */
export const ACCEPTED_SHAPES =
  'amplifyconfiguration.json (auth.plugins.awsCognitoAuthPlugin) or amplify_outputs.json ' +
  '(auth.aws_region with auth.identity_pool_id and/or auth.user_pool_id and user_pool_client_id)';

/** The app passed aws-amplify v6's `Amplify.configure` shape (`{ Auth: { Cognito: ... } }`). */
export function awsAmplifyV6Shape(rootKey: string): ConfigurationException {
  return new ConfigurationException(
    `Amplify.configure got a top-level '${rootKey}' key, aws-amplify v6's shape; Plugboard accepts ${ACCEPTED_SHAPES}.`,
    'Pass the file your backend generated; from a v6 object, map Auth.Cognito.identityPoolId, userPoolId and ' +
      'userPoolClientId to auth.identity_pool_id, auth.user_pool_id and auth.user_pool_client_id, and add auth.aws_region.',
  );
}

/** `Amplify.configure` got no object at all. */
export function notAConfigurationObject(): ConfigurationException {
  return new ConfigurationException(
    `Amplify.configure needs a configuration object: ${ACCEPTED_SHAPES}.`,
    'Pass the parsed contents of that file.',
  );
}
