import { brandClass } from '../brand.js';
import { AmplifyException, type AmplifyExceptionOptions } from './AmplifyException.js';

/** A key-value storage could not do what was asked (a write failed, a lock was not obtained); `cause` holds the system error. */
export class StorageException extends AmplifyException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'StorageException';
  }
}
brandClass(StorageException, 'StorageException');
