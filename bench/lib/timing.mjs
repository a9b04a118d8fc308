import { performance } from 'node:perf_hooks';
import { counts } from './config.mjs';
import { median } from './stats.mjs';

/**
 * Operations per second of a synchronous `batch(n)` that performs n operations. The batch size is
 * calibrated so one batch takes about `counts.batchMs`; one calibration batch also warms up the JIT,
 * then the median of `counts.reps` batches is returned.
 */
export function opsPerSecond(batch) {
  let n = 64;
  for (;;) {
    const started = performance.now();
    batch(n);
    const elapsed = performance.now() - started;
    if (elapsed >= counts.batchMs / 4 || n >= 1 << 26) {
      n = Math.max(1, Math.round((n * counts.batchMs) / Math.max(elapsed, 0.001)));
      break;
    }
    n *= 4;
  }
  batch(n); // warm-up at the measured size
  const rates = [];
  for (let r = 0; r < counts.reps; r++) {
    const started = performance.now();
    batch(n);
    rates.push(n / ((performance.now() - started) / 1000));
  }
  return median(rates);
}

/** Like {@link opsPerSecond}, for an async operation awaited one call after another. */
export async function asyncOpsPerSecond(operation) {
  const runFor = async (ms) => {
    let calls = 0;
    const started = performance.now();
    let elapsed = 0;
    while (elapsed < ms) {
      for (let i = 0; i < 100; i++) await operation();
      calls += 100;
      elapsed = performance.now() - started;
    }
    return calls / (elapsed / 1000);
  };
  await runFor(counts.warmFetchMs); // warm-up
  const rates = [];
  for (let r = 0; r < counts.reps; r++) rates.push(await runFor(counts.warmFetchMs));
  return median(rates);
}
