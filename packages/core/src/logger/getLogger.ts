import type { LogEntry, LogLevel, Logger } from './Logger.js';
import { LOG_LEVEL_RANK, loggingState } from './loggingState.js';
import { maskSecrets, maskString } from './maskSecrets.js';

type EntryLevel = LogEntry['level'];

function write(level: EntryLevel, namespace: string, message: string, details: unknown[]): void {
  // Checked first so a quiet logger costs one comparison and never walks the details.
  if (LOG_LEVEL_RANK[level] < loggingState.threshold) return;
  const entry: LogEntry = {
    level,
    namespace,
    message: maskString(String(message)),
    details: details.map((detail) => maskSecrets(detail)),
    time: new Date(),
  };
  try {
    loggingState.sink(entry);
  } catch {
    // A broken sink must never break the library code that logged.
  }
}

/** Returns a logger for `namespace`. It honours the process-wide level and sink set through `Logging`. */
export function getLogger(namespace: string): Logger {
  const log =
    (level: EntryLevel) =>
    (message: string, ...details: unknown[]): void =>
      write(level, namespace, message, details);
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
