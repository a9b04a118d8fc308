import { consoleSink } from './consoleSink.js';
import type { LogEntry } from './Logger.js';
import { type EntryWriter, loggingState } from './loggingState.js';
import { maskSecrets } from './maskSecrets.js';
import { maskString } from './maskString.js';

/**
 * Masks one entry (message and details) and hands it to the sink. Installed by the `Logging` module,
 * so that loggers of an app that never turns logging on carry no masking code.
 */
export const writeEntry: EntryWriter = (level, namespace, message, details) => {
  const entry: LogEntry = {
    level,
    namespace,
    message: maskString(String(message)),
    details: details.map((detail) => maskSecrets(detail)),
    time: new Date(),
  };
  try {
    (loggingState.sink ?? consoleSink)(entry);
  } catch {
    // A broken sink must never break the library code that logged.
  }
};
