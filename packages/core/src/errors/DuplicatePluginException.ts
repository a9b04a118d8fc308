import { brandClass } from '../brand.js';
import { AmplifyException, type AmplifyExceptionOptions } from './AmplifyException.js';

/** A plugin with the same key is already added to the category. */
export class DuplicatePluginException extends AmplifyException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'DuplicatePluginException';
  }
}
brandClass(DuplicatePluginException, 'DuplicatePluginException');
