import { processSingleton } from '../brand.js';
import { ConfigurationException } from '../errors/AmplifyException.js';
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

/** App-facing switches for Plugboard's logging. Logging is off (`NONE`) until the app turns it on. */
export const Logging = {
  /** Writes entries at `level` and above; `NONE` turns logging off. */
  setLevel(level: LogLevel): void {
    if (!Object.hasOwn(LOG_LEVEL_RANK, level)) {
      throw new ConfigurationException(
        `Unknown log level '${String(level)}'.`,
        `Use one of ${Object.keys(LOG_LEVEL_RANK).join(', ')}.`,
      );
    }
    loggingState.threshold = LOG_LEVEL_RANK[level];
  },

  getLevel(): LogLevel {
    const found = (Object.keys(LOG_LEVEL_RANK) as LogLevel[]).find(
      (level) => LOG_LEVEL_RANK[level] === loggingState.threshold,
    );
    return found ?? 'NONE';
  },

  /** Sends entries to `sink` instead of the console; `undefined` restores the console sink. */
  setSink(sink: LogSink | undefined): void {
    if (sink !== undefined && typeof sink !== 'function') {
      throw new ConfigurationException(
        'A log sink must be a function.',
        'Pass (entry) => { ... } or undefined.',
      );
    }
    loggingState.sink = sink ?? consoleSink;
  },
};
