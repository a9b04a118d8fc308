/**
 * `@plugboard/core/internals`: building blocks shared by Plugboard's own packages (the auth plugin, the
 * tests). NOT part of the public API: no semantic-versioning promise, anything here may change or
 * disappear in any release. Apps use the main entry, `@plugboard/core`.
 */
export { brandClass } from './brand.js';
export { createPluginContext } from './categories/createPluginContext.js';
export type { RecordedHubEvent, RecordingPluginContext } from './categories/createPluginContext.js';
export { resetPlugin } from './categories/Category.js';
export { PROTECTED_CHANNELS, isProtectedChannel, protectedChannelOf } from './hub/protectedChannels.js';
export type { HubBus } from './hub/HubBus.js';
export { isLogLevelEnabled } from './logger/getLogger.js';
export { maskSecrets } from './logger/maskSecrets.js';
export { maskString, isSecretKey, MASK } from './logger/maskString.js';
export {
  parseAmplifyConfiguration,
  pluginSectionOf,
  freezePluginConfiguration,
} from './config/parseAmplifyConfiguration.js';
export { isAmplifyOutputs, normalizeAmplifyOutputs } from './config/normalizeAmplifyOutputs.js';
export {
  COGNITO_AUTH_PLUGIN_PATH,
  validateCognitoAuthPluginConfig,
} from './config/validateCognitoAuthPluginConfig.js';
export { isLoopbackHost } from './config/isLoopbackHost.js';
export { isValidatedSection } from './config/validatedSections.js';
export {
  isAllowedEndpoint,
  isValidRegion,
  isValidIdentityPoolId,
  isValidUserPoolId,
} from './config/validators.js';
/** Makes a named `AuthException` subclass that `instanceof` recognises across package copies. */
export { defineAuthException } from './errors/AuthException.js';
export { setAuthPluginResolver } from './categories/AuthCategory.js';
export { createScopedHub } from './hub/HubCategory.js';
