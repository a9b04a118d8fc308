import { ConfigurationException } from '../errors/ConfigurationException.js';
import { getLogger } from './getLogger.js';
import type { LogLevel, LogSink } from './Logger.js';
import { provideLoggerFactory } from './loggerFactory.js';
import { LOG_LEVEL_RANK, loggingState } from './loggingState.js';
import { writeEntry } from './writeEntry.js';

/** `Logging.setLevel` with a name that is not a level. */
function unknownLogLevel(level: unknown): ConfigurationException {
  return new ConfigurationException(
    `Unknown log level '${String(level)}'.`,
    `Use one of ${Object.keys(LOG_LEVEL_RANK).join(', ')}.`,
  );
}

/** `Logging.setSink` with something other than a function or undefined. */
function badLogSink(): ConfigurationException {
  return new ConfigurationException(
    'A log sink must be a function.',
    'Pass (entry) => { ... } or undefined.',
  );
}

// Loggers write through this once logging can be turned on; the first loaded copy of core installs it.
loggingState.write ??= writeEntry;
// Lets the Hub bus, which does not import the logger, find it once logging can be turned on.
provideLoggerFactory(getLogger);

/** App-facing switches for Plugboard's logging. Logging is off (`NONE`) until the app turns it on. */
export const Logging = {
  /** Writes entries at `level` and above; `NONE` turns logging off. */
  setLevel(level: LogLevel): void {
    if (!Object.hasOwn(LOG_LEVEL_RANK, level)) throw unknownLogLevel(level);
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
    if (sink !== undefined && typeof sink !== 'function') throw badLogSink();
    loggingState.sink = sink;
  },
};
