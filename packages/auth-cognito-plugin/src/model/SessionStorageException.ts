import { AuthException, type AmplifyExceptionOptions } from '@plugboard/core';
import { brandClass } from '@plugboard/core/internals';

/**
 * The session storage refused a write or removal (disk full, a directory in the way, permissions).
 * `cause` holds the storage's own error; the plugin's state is as it was before the operation.
 */
export class SessionStorageException extends AuthException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'SessionStorageException';
  }
}
brandClass(SessionStorageException, 'SessionStorageException');
