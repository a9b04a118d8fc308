import type { IdentityPoolService } from '../clients/identityPool/IdentityPoolService.js';
import type { UserPoolService } from '../clients/userPool/UserPoolCalls.js';
import type { AWSCognitoAuthPluginOptions } from './options.js';

/**
 * The plugin's options with its transport seams: replacements for the identity-pool and user-pool
 * clients (unit tests, custom transports). Not public: exported from `@plugboard/auth-cognito-plugin/internal`.
 */
export interface InternalPluginOptions extends AWSCognitoAuthPluginOptions {
  /** Replaces the identity-pool client. */
  readonly identityPoolService?: IdentityPoolService;
  /** Replaces the user-pool client. */
  readonly userPoolService?: UserPoolService;
  /** The back-off wait between retries of the built-in identity-pool client (tests: no real waiting). */
  readonly sleep?: (ms: number) => Promise<void>;
}
