/** Injected faults: consumed one per matching request, in the order they were injected. */
import type { InjectedFault } from './types.js';
import { EmulatorUsageError, requireOptionsObject } from './usageError.js';

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
    requireOptionsObject(fault, 'injectFault');
    const times = fault.times ?? 1;
    if (!(times > 0) || (Number.isFinite(times) && !Number.isInteger(times))) {
      throw new EmulatorUsageError(
        'injectFault: times must be a positive integer or Infinity.',
        'Pass times: 1 (the default), a larger count, or Infinity.',
      );
    }
    const latencyMs = fault.latencyMs ?? 0;
    if (!(latencyMs >= 0) || !Number.isFinite(latencyMs)) {
      throw new EmulatorUsageError(
        'injectFault: latencyMs must be a non-negative number.',
        'Pass the delay in milliseconds, e.g. latencyMs: 300.',
      );
    }
    if (fault.error === undefined && latencyMs === 0) {
      throw new EmulatorUsageError(
        'injectFault: give an error, a latency, or both.',
        "Pass e.g. { error: 'TooManyRequestsException' } or { latencyMs: 300 }.",
      );
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
