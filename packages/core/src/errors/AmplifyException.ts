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
