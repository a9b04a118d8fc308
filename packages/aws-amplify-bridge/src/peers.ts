// Every value the bridge takes from its peer packages, in one module: the bridge's whole contact surface
// with them at a glance, and one import per peer in a bundle instead of one per bridge module.
export {
  Amplify,
  AmplifyException,
  ConfigurationException,
  Hub,
  HubChannel,
  InvalidParameterException,
  InvalidStateException,
  NetworkException,
  ServiceException,
  SessionExpiredException,
  TooManyRequestsException,
  UnknownException,
  isAmplifyOutputs,
  normalizeAmplifyOutputs,
} from '@plugboard/core';
export { AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';
export { Amplify as AwsAmplify } from 'aws-amplify';
export { AuthError, decodeJWT, signOut as awsAmplifySignOut } from 'aws-amplify/auth';
export { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
export { Hub as AwsAmplifyHub, parseAmplifyConfig } from 'aws-amplify/utils';
/** aws-amplify's key to its protected Hub channels (an internal export, used by its own categories). */
export { AMPLIFY_SYMBOL } from '@aws-amplify/core/internals/utils';
