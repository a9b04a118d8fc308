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
export type {
  AWSCognitoPasswordlessMethods,
  ListWebAuthnCredentialsInput,
  UpdateMFAPreferenceInput,
} from './facade/passwordlessMethods.js';
export type { ListWebAuthnCredentialsResult } from './operations/userPool/passwordless/passkeys.js';
export type { WebAuthnCredentialDescription } from './clients/userPool/webAuthnCalls.js';
export type { MFAPreference, UserMFAPreference } from './operations/userPool/mfaPreference.js';
export type { AuthDevice } from './operations/userPool/devices/deviceOperations.js';
export {
  CodeMismatchException,
  CodeExpiredException,
  UsernameExistsException,
  UserNotConfirmedException,
  UserNotFoundException,
  InvalidPasswordException,
  PasswordResetRequiredException,
  LimitExceededException,
  WebAuthnNotSupportedException,
} from './model/userPoolExceptions.js';
export { LoopbackWebUIBrowser } from './hostedUi/LoopbackWebUIBrowser.js';
export type { LoopbackWebUIBrowserOptions } from './hostedUi/LoopbackWebUIBrowser.js';
export type { WebUIBrowser, SignInWithWebUIOptions } from './hostedUi/WebUIBrowser.js';
export type { AWSCognitoHostedUiMethods } from './facade/hostedUiMethods.js';
// Server side: a session storage over a request's cookies (issue 24's cookie adapter).
export { createCookieStorage } from './server/createCookieStorage.js';
export type { CookieJar, CookieStorageOptions } from './server/createCookieStorage.js';
export { DEFAULT_COOKIE_ATTRIBUTES, serializeCookie } from './server/CookieAttributes.js';
export type { CookieAttributes } from './server/CookieAttributes.js';
export { cookieJarFromWeb } from './server/cookieJarFromWeb.js';
export type { WebRequestHeaders, WebResponseHeaders } from './server/cookieJarFromWeb.js';
export { cookieJarFromNode } from './server/cookieJarFromNode.js';
export type { NodeRequestLike, NodeResponseLike } from './server/cookieJarFromNode.js';
// Server side: isolated auth contexts, one per request or user (issue 24; Node only).
export { createAuthContext, runWithAuthContext } from './context/AuthContext.js';
export type { AuthContext, AuthContextOptions, DisposableAuthContext } from './context/AuthContext.js';
