export { startCognitoIdentityEmulator } from './emulator.js';
export { CognitoServiceError, statusForErrorName } from './errors.js';
export { EmulatorUsageError } from './usageError.js';
export { COGNITO_PROVIDER_NAME, PROVIDER_CLAIM } from './tokenIssuer.js';
export { SUPPORTED_OPERATIONS } from './router.js';
export { JWKS_PATH, TEST_IDP_TOKEN_PATH } from './httpServer.js';
export { isLoopbackHost } from './loopback.js';
export { DEFAULT_CONTROL_PLANE_CREDENTIALS, type ControlPlaneCredentials } from './sigv4.js';
export { DEFAULT_ROLES } from './defaultRoles.js';
export { OPEN_ID_ISSUER } from './tokenIssuer.js';
export { StateFileError } from './persistence.js';
export { HEALTH_PATH, OPEN_ID_CONFIGURATION_PATH, OPEN_ID_JWKS_PATH } from './httpServer.js';
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
  RequestLogEntry,
  RoleMapping,
  StartCognitoIdentityEmulatorOptions,
} from './types.js';
export {
  startUserPoolSrpFront,
  type StartUserPoolSrpFrontOptions,
  type UserPoolSrpFront,
} from './userPoolSrp/userPoolSrpFront.js';
export type { DeviceTrackingOptions } from './userPoolSrp/deviceTracking.js';
export type { CodeDelivery, FirstAuthFactor, PasswordlessOptions } from './userPoolSrp/passwordless.js';
