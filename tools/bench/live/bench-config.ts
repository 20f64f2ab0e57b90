/** Sizes of `npm run bench:live`; BENCH_QUICK=1 shrinks them to smoke-test the script. */
const quick = process.env['BENCH_QUICK'] === '1';

export const LIVE_BENCH = {
  /** The latency run: commands per second, for how long, to how many connected clients. */
  latency: { commandsPerSecond: 200, durationMs: quick ? 3_000 : 20_000, clients: quick ? 10 : 100, sessions: quick ? 10 : 50 },
  /** The fan-out run: one command at a time to this many clients. */
  fanOut: { clients: quick ? 50 : 1_000, commands: quick ? 5 : 30, gapMs: quick ? 200 : 300 },
  /** Connections opened at once while clients connect. */
  connectBatch: 50,
};
