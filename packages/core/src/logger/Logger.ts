/** Log levels, most verbose first. `NONE` turns logging off (the default). */
export type LogLevel = 'VERBOSE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'NONE';

/** One line of log output, already masked. */
export interface LogEntry {
  readonly level: Exclude<LogLevel, 'NONE'>;
  readonly namespace: string;
  readonly message: string;
  /** Extra values, masked: anything that looks like a token or secret is replaced. */
  readonly details: readonly unknown[];
  readonly time: Date;
}

/** Where log entries go. The app can plug its own. */
export type LogSink = (entry: LogEntry) => void;

export interface Logger {
  verbose(message: string, ...details: unknown[]): void;
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}
