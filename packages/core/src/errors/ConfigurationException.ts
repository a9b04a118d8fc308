import { brandClass } from '../brand.js';
import { AmplifyException, type AmplifyExceptionOptions } from './AmplifyException.js';

/** Configuration is missing, malformed or given at the wrong time. */
export class ConfigurationException extends AmplifyException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'ConfigurationException';
  }
}
brandClass(ConfigurationException, 'ConfigurationException');
