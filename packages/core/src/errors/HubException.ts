import { brandClass } from '../brand.js';
import { AmplifyException, type AmplifyExceptionOptions } from './AmplifyException.js';

/** A Hub operation was refused, e.g. app code publishing on a protected channel. */
export class HubException extends AmplifyException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'HubException';
  }
}
brandClass(HubException, 'HubException');
