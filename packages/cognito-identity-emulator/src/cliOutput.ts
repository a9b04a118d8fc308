/**
 * What `plugboard-cognito-emulator` prints: start-up information and one line per request, as text or
 * as JSON lines (`--json`), filtered by `--log-level`. A closed stdout (`... | head`) is not an error:
 * the command stops quietly, as `head` expects of the programs it reads from.
 */
import { LOG_LEVELS, type LogLevel } from './cliArgs.js';
import type { RequestLogEntry } from './types.js';

/** Routes polled by scripts and browsers: logged at `debug` only, unless something went wrong. */
const HOUSEKEEPING = /^(GET \/health|GET \/\.well-known\/|OPTIONS )/;

/** The level a request's log line belongs to. */
export function requestLevel(entry: RequestLogEntry): LogLevel {
  if (entry.status === undefined || entry.status >= 500 || entry.errorType === 'AccessDeniedException') {
    return 'warn';
  }
  if (HOUSEKEEPING.test(entry.operation) && entry.status < 400) return 'debug';
  return 'info';
}

export class CliOutput {
  private closed = false;

  constructor(
    private readonly json: boolean,
    private readonly level: LogLevel,
    onClosed: () => void,
  ) {
    const quiet = (error: NodeJS.ErrnoException): void => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
      if (this.closed) return;
      this.closed = true;
      onClosed();
    };
    process.stdout.on('error', quiet);
    process.stderr.on('error', () => undefined); // nowhere left to report to
  }

  private enabled(level: LogLevel): boolean {
    return LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf(this.level);
  }

  private write(line: string): void {
    if (!this.closed) process.stdout.write(`${line}\n`);
  }

  /** Start-up information: the text lines, or one JSON object with `event`. */
  event(event: string, lines: readonly string[], data: object = {}): void {
    if (this.json) this.write(JSON.stringify({ event, ...data }));
    else for (const line of lines) this.write(line);
  }

  /** A notice at `info` (stopping, stopped). */
  notice(event: string, text: string, data: object = {}): void {
    if (!this.enabled('info')) return;
    if (this.json) this.write(JSON.stringify({ event, time: new Date().toISOString(), ...data }));
    else this.write(text);
  }

  /** One request: time, operation, status, duration (and the error name); never bodies or tokens. */
  request(entry: RequestLogEntry): void {
    const level = requestLevel(entry);
    if (!this.enabled(level)) return;
    if (this.json) {
      this.write(
        JSON.stringify({
          time: entry.at.toISOString(),
          level,
          operation: entry.operation,
          status: entry.status ?? null,
          durationMs: entry.durationMs,
          ...(entry.errorType === undefined ? {} : { errorType: entry.errorType }),
        }),
      );
      return;
    }
    const status = entry.status === undefined ? 'dropped' : String(entry.status);
    const error = entry.errorType === undefined ? '' : ` ${entry.errorType}`;
    this.write(`${entry.at.toISOString()} ${entry.operation} ${status} ${entry.durationMs}ms${error}`);
  }

  /** An error for a person: on stderr, as text even with `--json` (exit codes tell scripts). */
  error(text: string): void {
    process.stderr.write(`${text}\n`);
  }
}
