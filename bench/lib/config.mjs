// Iteration counts. BENCH_SMOKE=1 shrinks everything so a full run takes seconds (it checks that the
// benchmark works, not how fast anything is).
export const smoke = process.env.BENCH_SMOKE === '1';

export const counts = smoke
  ? {
      reps: 1,
      roundMs: 2,
      rounds: 3,
      warmupRounds: 1,
      heapPairs: 10_000,
      heapWarmup: 1_000,
      importRuns: 2,
      warmFetchMs: 20,
    }
  : {
      reps: 7,
      roundMs: 40,
      rounds: 25,
      warmupRounds: 3,
      heapPairs: 1_000_000,
      heapWarmup: 100_000,
      importRuns: 15,
      warmFetchMs: 200,
    };
