/**
 * Sizes of every run. The whole bench should stay under ~3 minutes on a 2-core machine;
 * BENCH_QUICK=1 shrinks everything ~10× for a smoke run of the script itself.
 */
const quick = process.env['BENCH_QUICK'] === '1';
const scale = (n: number): number => (quick ? Math.max(1, Math.round(n / 10)) : n);

export const BENCH = {
  /** Concurrent writers for every throughput workload. */
  writers: 4,
  batchSize: 100,
  /** Each workload stops at `events` or after maxSeconds, whichever comes first. */
  single: { events: scale(10_000), warmupEvents: scale(800), streamsPerWriter: 250, maxSeconds: 15 },
  batch: { events: scale(150_000), warmupEvents: scale(5_000), streamsPerWriter: 25, maxSeconds: 15 },
  lag: {
    ratePerSecond: 1_000,
    tickMs: 10,
    durationMs: quick ? 3_000 : 20_000,
    /**
     * Each tick's 10 events as one append (100 appends/s), then as 10 single-event appends
     * (1,000 appends/s, which also loads the writer side and the shared pool).
     */
    eventsPerAppend: [10, 1],
    /** Streams the lag writer cycles through; each is reused every streams/ratePerSecond s. */
    streams: 500,
    warmupEvents: 200,
    /** After the writer stops, how long to wait for the last deliveries. */
    drainTimeoutMs: 10_000,
  },
  targets: {
    batchVsPlainInsert: 0.5,
    lagP99Ms: 50,
  },
} as const;
