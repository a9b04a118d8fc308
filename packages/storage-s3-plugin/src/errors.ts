import { StorageException, type AmplifyExceptionOptions } from '@plugboard/core';
import { brandClass } from '@plugboard/core/internals';

// The S3 plugin's errors: `StorageException` subclasses, each with a recovery suggestion. Messages name
// paths and buckets, never credentials.

/** The object (or the bucket) does not exist. */
export class NotFoundException extends StorageException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'NotFoundException';
  }
}
brandClass(NotFoundException, 'storage.NotFoundException');

/** The caller may not do this: a path outside its access level, no credentials, or S3 refused (403). */
export class AccessDeniedException extends StorageException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'AccessDeniedException';
  }
}
brandClass(AccessDeniedException, 'storage.AccessDeniedException');

/** Bad input or configuration, refused before any request. */
export class ValidationException extends StorageException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'ValidationException';
  }
}
brandClass(ValidationException, 'storage.ValidationException');

/** The transfer was canceled by the app (`cancel()`); a multipart upload is aborted on the server. */
export class CanceledException extends StorageException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'CanceledException';
  }
}
brandClass(CanceledException, 'storage.CanceledException');

/** S3 answered an error not covered above, or could not be reached; `metadata` has its name and status. */
export class StorageServiceException extends StorageException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'StorageServiceException';
  }
}
brandClass(StorageServiceException, 'storage.StorageServiceException');
