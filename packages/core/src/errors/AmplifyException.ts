import { brandClass } from '../brand.js';

/** Whitelisted facts about a failed service call. Never holds a token or a secret. */
export interface ServiceErrorMetadata {
  /** The service's own error name, e.g. `NotAuthorizedException`. */
  readonly serviceErrorName?: string;
  /** The HTTP status of the service's answer. */
  readonly httpStatusCode?: number;
  /** The service's request id, for support cases and logs. */
  readonly requestId?: string;
}

/** Options of the {@link AmplifyException} constructor. */
export interface AmplifyExceptionOptions {
  /** The underlying error; becomes the standard `cause`. */
  readonly cause?: unknown;
  /** Facts about the failed service call. */
  readonly metadata?: ServiceErrorMetadata;
}

/** Base of every error Plugboard throws: a message, what to do about it, and the underlying cause. */
export class AmplifyException extends Error {
  // Declared and assigned in the constructor rather than initialised as class fields: the compiled
  // class then does not repeat them as field definitions (the Hub's bundle carries this class).
  /** What to do about the error, in a sentence. */
  declare readonly recoverySuggestion: string;
  /** Facts about the failed service call, when the error came from one. */
  declare readonly metadata: ServiceErrorMetadata | undefined;

  constructor(message: string, recoverySuggestion: string, options: AmplifyExceptionOptions = {}) {
    // `Error` reads only `cause` from its options, and only when the key is present.
    super(message, options.cause === undefined ? undefined : options);
    this.name = 'AmplifyException';
    this.recoverySuggestion = recoverySuggestion;
    this.metadata = options.metadata;
  }

  /** `name`, `message`, `recoverySuggestion` and `metadata` (left out by `JSON.stringify` when unset). */
  toJSON(): Record<string, unknown> {
    const { name, message, recoverySuggestion, metadata } = this;
    return { name, message, recoverySuggestion, metadata };
  }
}
brandClass(AmplifyException, 'AmplifyException');
