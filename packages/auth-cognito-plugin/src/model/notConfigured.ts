import { InvalidStateException } from '@plugboard/core';

/** The plugin has not been configured (or was reset). */
export function notConfigured(): InvalidStateException {
  return new InvalidStateException(
    'The Cognito auth plugin is not configured.',
    'Add it with Amplify.addPlugin(new AWSCognitoAuthPlugin()) and call Amplify.configure(config) with an awsCognitoAuthPlugin section first.',
  );
}
