export { AWSCognitoAuthPlugin } from './AWSCognitoAuthPlugin.js';
export { AuthProvider } from './model/AuthProvider.js';
export { FederateToIdentityPoolOptions } from './model/FederateToIdentityPoolOptions.js';
export type { FederateToIdentityPoolOptionsBuilder } from './model/FederateToIdentityPoolOptions.js';
export { AWSCognitoAuthChannelEventName } from './events.js';
export type {
  AWSTemporaryCredentials,
  UserPoolTokenSet,
  AuthSessionResult,
  AWSCognitoUserPoolTokens,
  AWSCognitoAuthSession,
  FederateToIdentityPoolResult,
  AWSCognitoAuthPluginOptions,
  AuthErrorCallback,
  ConfirmSignInOptions,
  EscapeHatch,
  FederateToIdentityPoolOptionsInput,
} from './types.js';
export { SessionStorageException } from './model/SessionStorageException.js';
export { fromAmplifyAuth } from './fromAmplifyAuth.js';
export { InvalidIdentityPoolConfigurationException } from './model/InvalidIdentityPoolConfigurationException.js';
export type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  AwsIdentityProperties,
  FromAmplifyAuthOptions,
} from './fromAmplifyAuth.js';
export type { AWSCognitoUserPoolMethods } from './facade/userPoolMethods.js';
export type { MFAPreference, UserMFAPreference } from './operations/userPool/mfaPreference.js';
export {
  CodeMismatchException,
  CodeExpiredException,
  UsernameExistsException,
  UserNotConfirmedException,
  UserNotFoundException,
  InvalidPasswordException,
  PasswordResetRequiredException,
  LimitExceededException,
} from './model/userPoolExceptions.js';
export { LoopbackWebUIBrowser } from './hostedUi/LoopbackWebUIBrowser.js';
export type { LoopbackWebUIBrowserOptions } from './hostedUi/LoopbackWebUIBrowser.js';
export type { WebUIBrowser, SignInWithWebUIOptions } from './hostedUi/WebUIBrowser.js';
export type { AWSCognitoHostedUiMethods } from './facade/hostedUiMethods.js';
