/** Log levels, most verbose first. `NONE` turns logging off (the default). */
export type LogLevel = 'VERBOSE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'NONE';

/** One line of log output, already masked. */
export interface LogEntry {
  /** The entry's level. */
  readonly level: Exclude<LogLevel, 'NONE'>;
  /** Who logged it, such as `AWSCognitoAuthPlugin`. */
  readonly namespace: string;
  /** The message, masked. */
  readonly message: string;
  /** Extra values, masked: anything that looks like a token or secret is replaced. */
  readonly details: readonly unknown[];
  /** When it was logged. */
  readonly time: Date;
}

/** Where log entries go. The app can plug its own. */
export type LogSink = (entry: LogEntry) => void;

/** A namespaced logger; entries below the level set with `Logging.setLevel` are dropped, the rest masked. */
export interface Logger {
  /** Logs at `VERBOSE`. */
  verbose(message: string, ...details: unknown[]): void;
  /** Logs at `DEBUG`. */
  debug(message: string, ...details: unknown[]): void;
  /** Logs at `INFO`. */
  info(message: string, ...details: unknown[]): void;
  /** Logs at `WARN`. */
  warn(message: string, ...details: unknown[]): void;
  /** Logs at `ERROR`. */
  error(message: string, ...details: unknown[]): void;
}
