/** What reached the endpoint: operation names and statuses only, never bodies, headers or tokens. */
import type { RecordedRequest } from './types.js';

const MAX_RECORDS = 100000;

export class RequestLog {
  private records: RecordedRequest[] = [];

  /** Records a request; returns a setter for its status once it is answered. */
  record(operation: string, at: Date): (status: number | undefined) => void {
    const entry: { operation: string; at: Date; status?: number } = { operation, at };
    if (this.records.length >= MAX_RECORDS) this.records.splice(0, MAX_RECORDS / 10);
    this.records.push(entry);
    return (status) => {
      if (status !== undefined) entry.status = status;
    };
  }

  list(): readonly RecordedRequest[] {
    return this.records.map((r) => ({ ...r }));
  }

  clear(): void {
    this.records = [];
  }
}
