import { AuthException, type AmplifyExceptionOptions } from '@plugboard/core';

/**
 * The identity pool cannot hand out credentials as configured, typically because it has no IAM role for
 * this kind of identity (authenticated or guest) or a role mapping names a role it cannot use.
 */
export class InvalidIdentityPoolConfigurationException extends AuthException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'InvalidIdentityPoolConfigurationException';
  }
}
