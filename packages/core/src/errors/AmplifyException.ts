import { brandClass } from '../brand.js';

/** Whitelisted facts about a failed service call. Never holds a token or a secret. */
export interface ServiceErrorMetadata {
  /** The service's own error name, e.g. `NotAuthorizedException`. */
  readonly serviceErrorName?: string;
  readonly httpStatusCode?: number;
  readonly requestId?: string;
}

export interface AmplifyExceptionOptions {
  readonly cause?: unknown;
  readonly metadata?: ServiceErrorMetadata;
}

/** Base of every error Plugboard throws: a message, what to do about it, and the underlying cause. */
export class AmplifyException extends Error {
  readonly recoverySuggestion: string;
  readonly metadata: ServiceErrorMetadata | undefined;

  constructor(message: string, recoverySuggestion: string, options: AmplifyExceptionOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AmplifyException';
    this.recoverySuggestion = recoverySuggestion;
    this.metadata = options.metadata;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      recoverySuggestion: this.recoverySuggestion,
      ...(this.metadata ? { metadata: this.metadata } : {}),
    };
  }
}
brandClass(AmplifyException, 'AmplifyException');

/** Configuration is missing, malformed or given at the wrong time. */
export class ConfigurationException extends AmplifyException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'ConfigurationException';
  }
}
brandClass(ConfigurationException, 'ConfigurationException');

/** No plugin with the requested key is added to the category. */
export class PluginNotFoundException extends AmplifyException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'PluginNotFoundException';
  }
}
brandClass(PluginNotFoundException, 'PluginNotFoundException');

/** A plugin with the same key is already added to the category. */
export class DuplicatePluginException extends AmplifyException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'DuplicatePluginException';
  }
}
brandClass(DuplicatePluginException, 'DuplicatePluginException');

/** A Hub operation was refused, e.g. app code publishing on a protected channel. */
export class HubException extends AmplifyException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'HubException';
  }
}
brandClass(HubException, 'HubException');

/** A plugin names a category that this build of Plugboard does not have. */
export class CategoryNotFoundException extends AmplifyException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'CategoryNotFoundException';
  }
}
brandClass(CategoryNotFoundException, 'CategoryNotFoundException');
