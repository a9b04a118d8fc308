/** What reached the endpoint: operation names and statuses only, never bodies, headers or tokens. */
import type { RecordedRequest } from './types.js';

/** Default of `maxRecordedRequests`. */
export const DEFAULT_MAX_RECORDED_REQUESTS = 10000;

/** Keeps the last `max` requests: a long run does not grow without bound; the oldest go first. */
export class RequestLog {
  private records: RecordedRequest[] = [];

  constructor(private readonly max: number = DEFAULT_MAX_RECORDED_REQUESTS) {}

  /** Records a request; returns a setter for its status (and the role handed out) once it is answered. */
  record(operation: string, at: Date): (status: number | undefined, roleArn?: string) => void {
    const entry: { operation: string; at: Date; status?: number; roleArn?: string } = { operation, at };
    if (this.max === 0) return () => undefined;
    if (this.records.length >= this.max) this.records.splice(0, this.records.length - this.max + 1);
    this.records.push(entry);
    return (status, roleArn) => {
      if (status !== undefined) entry.status = status;
      if (roleArn !== undefined) entry.roleArn = roleArn;
    };
  }

  list(): readonly RecordedRequest[] {
    return this.records.map((r) => ({ ...r }));
  }

  clear(): void {
    this.records = [];
  }
}
