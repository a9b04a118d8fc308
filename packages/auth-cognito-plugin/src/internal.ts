// The plugin's transport seams, for its own tests and for custom transports: NOT public API. Anything here
// may change in any release; the public API is the package's main entry (`index.ts`).
import { AWSCognitoAuthPlugin } from './AWSCognitoAuthPlugin.js';
import type { InternalPluginOptions } from './runtime/internalOptions.js';

export type { InternalPluginOptions } from './runtime/internalOptions.js';
export type {
  IdentityPoolCredentials,
  IdentityPoolService,
  Logins,
} from './clients/identityPool/IdentityPoolService.js';
export type { UserPoolService, SignInOutcome } from './clients/userPool/UserPoolCalls.js';
export type {
  UserPoolCalls,
  AuthStepResponse,
  CodeDelivery,
  UserPoolUser,
  MfaMethodSetting,
  TotpAuthorization,
  ClientMetadata,
} from './clients/userPool/UserPoolCalls.js';

/** A plugin whose identity-pool and/or user-pool calls go through the given services instead of AWS. */
export function pluginWithTransports(options: InternalPluginOptions): AWSCognitoAuthPlugin {
  return new AWSCognitoAuthPlugin(options);
}
