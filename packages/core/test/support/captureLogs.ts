import { Logging, type LogEntry, type LogLevel } from '../../src/index.js';

/** Sends log entries at `level` and above into the returned array until `restore` is called. */
export function captureLogs(level: LogLevel = 'VERBOSE'): { entries: LogEntry[]; restore(): void } {
  const entries: LogEntry[] = [];
  const previous = Logging.getLevel();
  Logging.setLevel(level);
  Logging.setSink((entry) => entries.push(entry));
  return {
    entries,
    restore() {
      Logging.setLevel(previous);
      Logging.setSink(undefined);
    },
  };
}

/** Lets pending promise callbacks run. */
export function flushPromises(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
