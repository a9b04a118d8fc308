/** What reached the endpoint: operation names and statuses only, never bodies, headers or tokens. */
import type { RecordedRequest } from './types.js';

const MAX_RECORDS = 100000;

export class RequestLog {
  private records: RecordedRequest[] = [];

  /** Records a request; returns a setter for its status (and the role handed out) once it is answered. */
  record(operation: string, at: Date): (status: number | undefined, roleArn?: string) => void {
    const entry: { operation: string; at: Date; status?: number; roleArn?: string } = { operation, at };
    if (this.records.length >= MAX_RECORDS) this.records.splice(0, MAX_RECORDS / 10);
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
