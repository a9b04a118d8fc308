import type { LogEntry, LogSink } from './Logger.js';

/**
 * The default log sink: writes to the console. This is the only place in the library that touches
 * `console`; entries arrive already masked.
 */
export const consoleSink: LogSink = (entry: LogEntry): void => {
  const line = `[${entry.time.toISOString()}] ${entry.level} ${entry.namespace} - ${entry.message}`;
  /* eslint-disable no-console */
  switch (entry.level) {
    case 'ERROR':
      console.error(line, ...entry.details);
      break;
    case 'WARN':
      console.warn(line, ...entry.details);
      break;
    case 'INFO':
      console.info(line, ...entry.details);
      break;
    default:
      console.debug(line, ...entry.details);
  }
  /* eslint-enable no-console */
};
