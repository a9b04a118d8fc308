/** Injected faults: consumed one per matching request, in the order they were injected. */
import type { InjectedFault } from './types.js';

export interface ActiveFault {
  readonly error?: string;
  readonly status?: number;
  readonly latencyMs: number;
}

interface QueuedFault extends ActiveFault {
  readonly operation?: string;
  remaining: number;
}

export const CONNECTION_RESET = 'ECONNRESET';

export class FaultQueue {
  private faults: QueuedFault[] = [];

  add(fault: InjectedFault): void {
    const times = fault.times ?? 1;
    if (!(times > 0) || (Number.isFinite(times) && !Number.isInteger(times))) {
      throw new TypeError('injectFault: times must be a positive integer or Infinity');
    }
    const latencyMs = fault.latencyMs ?? 0;
    if (!(latencyMs >= 0) || !Number.isFinite(latencyMs)) {
      throw new TypeError('injectFault: latencyMs must be a non-negative number');
    }
    if (fault.error === undefined && latencyMs === 0) {
      throw new TypeError('injectFault: give an error, a latency, or both');
    }
    this.faults.push({
      operation: fault.operation,
      error: fault.error,
      status: fault.status,
      latencyMs,
      remaining: times,
    });
  }

  /** Takes one use of the first fault matching `operation`, if any. */
  take(operation: string): ActiveFault | undefined {
    const index = this.faults.findIndex((f) => f.operation === undefined || f.operation === operation);
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return { error: fault.error, status: fault.status, latencyMs: fault.latencyMs };
  }

  clear(): void {
    this.faults = [];
  }
}
