import { brandClass } from '../brand.js';
import { AmplifyException, type AmplifyExceptionOptions } from './AmplifyException.js';

/** A plugin names a category that this build of Plugboard does not have. */
export class CategoryNotFoundException extends AmplifyException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'CategoryNotFoundException';
  }
}
brandClass(CategoryNotFoundException, 'CategoryNotFoundException');
