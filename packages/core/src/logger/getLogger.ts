import type { LogEntry, LogLevel, Logger } from './Logger.js';
import { LOG_LEVEL_RANK, loggingState } from './loggingState.js';

/** Returns a logger for `namespace`. It honours the process-wide level and sink set through `Logging`. */
export function getLogger(namespace: string): Logger {
  const log =
    (level: LogEntry['level']) =>
    (message: string, ...details: unknown[]): void =>
      // Checked first so a quiet logger costs one comparison and never walks the details. The writer
      // is there whenever the threshold lets anything through (see `LoggingState`).
      LOG_LEVEL_RANK[level] < loggingState.threshold
        ? undefined
        : loggingState.write?.(level, namespace, message, details);
  return {
    verbose: log('VERBOSE'),
    debug: log('DEBUG'),
    info: log('INFO'),
    warn: log('WARN'),
    error: log('ERROR'),
  };
}

/** True when an entry at `level` would be written right now. */
export function isLogLevelEnabled(level: LogLevel): boolean {
  return level !== 'NONE' && LOG_LEVEL_RANK[level] >= loggingState.threshold;
}
