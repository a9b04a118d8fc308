import { brandClass } from '../brand.js';
import { AmplifyException, type AmplifyExceptionOptions } from './AmplifyException.js';

/** No plugin with the requested key is added to the category. */
export class PluginNotFoundException extends AmplifyException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'PluginNotFoundException';
  }
}
brandClass(PluginNotFoundException, 'PluginNotFoundException');
