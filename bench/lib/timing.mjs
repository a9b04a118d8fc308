import { performance } from 'node:perf_hooks';
import { counts } from './config.mjs';
import { median } from './stats.mjs';

/**
 * Awaited calls per second of an async operation, one call after another: one warm-up period of
 * `counts.warmFetchMs`, then the median of `counts.reps` such periods.
 */
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
