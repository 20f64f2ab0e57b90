/**
 * Sizes of every run. BENCH_QUICK=1 shrinks them for a smoke run of the script itself (its
 * numbers mean nothing).
 */
import { ALL_PROJECTORS, REBUILD_BATCH_SIZE } from '@orch/read-models';

const quick = process.env['BENCH_QUICK'] === '1';

export const BENCH = {
  rebuild: {
    /** Events of the generated history that is rebuilt (the workload stops at the first step past it). */
    events: quick ? 5_000 : 100_000,
    seed: 20261124,
    /** Concurrent writers seeding the history (not measured). */
    writers: 8,
    /** What `npm run cli -- projections rebuild all` uses: the library's defaults (one shared read, every projector's batch at once). */
    batchSize: REBUILD_BATCH_SIZE,
    concurrency: ALL_PROJECTORS.length,
  },
  lag: {
    ratePerSecond: 1_000,
    durationMs: quick ? 3_000 : 20_000,
    /** Projected before the timed part, so the runner is caught up and warm. */
    warmupEvents: quick ? 300 : 2_000,
    /** Concurrent writers, each appending one command's events at a time, all on one schedule. */
    writers: 8,
    seed: 20261125,
    /** After the writers stop, how long an append may wait for every projector. */
    drainTimeoutMs: 60_000,
  },
  targets: {
    rebuildEventsPerSecond: 10_000,
  },
} as const;
