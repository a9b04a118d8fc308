/**
 * Thrown (or rejected) when the emulator's own JavaScript API is called with bad input. Requests on the
 * wire get Cognito's errors instead (`CognitoServiceError`). A `TypeError`, so callers that already
 * catch those keep working.
 */
export class EmulatorUsageError extends TypeError {
  /** What to do about it, in a sentence. */
  readonly recoverySuggestion: string;

  constructor(message: string, recoverySuggestion: string) {
    super(message);
    this.name = 'EmulatorUsageError';
    this.recoverySuggestion = recoverySuggestion;
  }
}

/** Throws EmulatorUsageError unless `value` is an object (not null, not an array). */
export function requireOptionsObject<T>(value: T, what: string): asserts value is T & object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EmulatorUsageError(
      `${what} needs an options object.`,
      `Call ${what}({ ... }) with the options documented in the README.`,
    );
  }
}
