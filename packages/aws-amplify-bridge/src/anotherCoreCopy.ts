import { ConfigurationException, InvalidParameterException } from '@plugboard/core';

const WHY =
  'its auth channel opens only to the symbol of its own copy, so every forwarded event would print ' +
  "aws-amplify's 'auth is protected' warning";
const FIX =
  'Install one @aws-amplify/core (`npm ls @aws-amplify/core`, then align the versions and `npm dedupe`), ' +
  'and load aws-amplify and the bridge in the same module system (both import, or both require).';

/** `forwardAuthEvents` got the Hub of another copy of `@aws-amplify/core` than the bridge's. */
export function hubOfAnotherCopy(): InvalidParameterException {
  return new InvalidParameterException(
    `forwardAuthEvents: this Hub comes from another copy of @aws-amplify/core than the bridge's: ${WHY}.`,
    FIX,
  );
}

/** `aws-amplify/utils` (what the app listens on) and the bridge resolve different `@aws-amplify/core` copies. */
export function awsAmplifyOfAnotherCopy(operation: string): ConfigurationException {
  return new ConfigurationException(
    `${operation}: aws-amplify uses another copy of @aws-amplify/core than the bridge: ${WHY}.`,
    FIX,
  );
}
