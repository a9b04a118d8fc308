// What the plugin class (in the initial download) and its lazily loaded runtime both use. Both import
// these from here, so a bundler that splits code puts them all in one shared chunk of the initial
// download instead of one small chunk each (each is a request, and gzip does worse on small files).
export { AuthProvider, MAX_PROVIDER_NAME_LENGTH } from '../AuthProvider.js';
export { FederateToIdentityPoolOptions } from '../FederateToIdentityPoolOptions.js';
export { identityPoolRegion } from '../cognito/identityPoolRegion.js';
export { InvalidIdentityPoolConfigurationException } from '../cognito/InvalidIdentityPoolConfigurationException.js';
export {
  CodeMismatchException,
  CodeExpiredException,
  UsernameExistsException,
  UserNotConfirmedException,
  UserNotFoundException,
  InvalidPasswordException,
  PasswordResetRequiredException,
  LimitExceededException,
} from '../cognito/userPool/userPoolExceptions.js';
export { pickRedirectUri } from '../hostedUi/hostedUiConfig.js';
export { LoopbackWebUIBrowser } from '../hostedUi/LoopbackWebUIBrowser.js';
export { SessionStorageException } from '../session/SessionStorageException.js';
export { notConfigured } from './notConfigured.js';
export { toAuthException } from './toAuthException.js';
