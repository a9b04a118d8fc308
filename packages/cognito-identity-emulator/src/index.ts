export { startCognitoIdentityEmulator } from './emulator.js';
export { CognitoServiceError, statusForErrorName } from './errors.js';
export { EmulatorUsageError } from './usageError.js';
export { COGNITO_PROVIDER_NAME, PROVIDER_CLAIM } from './tokenIssuer.js';
export { SUPPORTED_OPERATIONS } from './router.js';
export { JWKS_PATH, TEST_IDP_TOKEN_PATH } from './httpServer.js';
export { isLoopbackHost } from './loopback.js';
export type {
  Clock,
  CognitoIdentityEmulator,
  CognitoIdentityProviderConfig,
  CreateIdentityPoolOptions,
  IdentityPoolSummary,
  IdentitySummary,
  InjectedFault,
  IssueProviderTokenOptions,
  OpenIdConnectProviderConfig,
  RecordedRequest,
  StartCognitoIdentityEmulatorOptions,
} from './types.js';
