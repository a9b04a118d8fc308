import { processSingleton } from '../brand.js';
import type { LogEntry, LogLevel, LogSink } from './Logger.js';

/** Numeric order of the levels: an entry is written when its rank is at least the current level's. */
export const LOG_LEVEL_RANK: Readonly<Record<LogLevel, number>> = {
  VERBOSE: 0,
  DEBUG: 1,
  INFO: 2,
  WARN: 3,
  ERROR: 4,
  NONE: 5,
};

/** Masks and writes one entry that passed the threshold. */
export type EntryWriter = (
  level: LogEntry['level'],
  namespace: string,
  message: string,
  details: unknown[],
) => void;

/**
 * Process-wide logging state, shared by every copy of core. Only the `Logging` module can lower the
 * threshold from `NONE`, and it installs `write` (masking and the sink) when it loads: a logger needs
 * neither until then, so an app that never turns logging on does not bundle them.
 */
export interface LoggingState {
  threshold: number;
  /** The app's sink; the console when unset. */
  sink?: LogSink | undefined;
  write?: EntryWriter;
}

export const loggingState: LoggingState = processSingleton<LoggingState>('logging.v2', () => ({
  threshold: LOG_LEVEL_RANK.NONE,
}));
