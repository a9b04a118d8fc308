import { processSingleton } from '../brand.js';
import { consoleSink } from './consoleSink.js';
import type { LogLevel, LogSink } from './Logger.js';

/** Numeric order of the levels: an entry is written when its rank is at least the current level's. */
export const LOG_LEVEL_RANK: Readonly<Record<LogLevel, number>> = {
  VERBOSE: 0,
  DEBUG: 1,
  INFO: 2,
  WARN: 3,
  ERROR: 4,
  NONE: 5,
};

/** Process-wide logging state, shared by every copy of core. */
export interface LoggingState {
  threshold: number;
  sink: LogSink;
}

/** @internal */
export const loggingState: LoggingState = processSingleton<LoggingState>('logging.v1', () => ({
  threshold: LOG_LEVEL_RANK.NONE,
  sink: consoleSink,
}));
