/**
 * Sizes of `npm run bench:live`; BENCH_QUICK=1 shrinks them to smoke-test the script.
 * LIVE_BENCH_RATE and LIVE_BENCH_CLIENTS change the latency run's commands per second and clients
 * (to find where a machine stops meeting the target); the defaults are the issue's.
 */
const quick = process.env['BENCH_QUICK'] === '1';

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return value;
}

export const LIVE_BENCH = {
  /** The latency run: commands per second, for how long, to how many connected clients. */
  latency: {
    commandsPerSecond: positive('LIVE_BENCH_RATE', 200),
    durationMs: quick ? 3_000 : 20_000,
    /** Load before the measured runs, so they do not start on a cold process. */
    warmUpMs: quick ? 1_000 : 5_000,
    clients: positive('LIVE_BENCH_CLIENTS', quick ? 10 : 100),
    sessions: quick ? 10 : 50,
  },
  /** The fan-out run: one command at a time to this many clients. */
  fanOut: { clients: quick ? 50 : 1_000, commands: quick ? 5 : 30, gapMs: quick ? 200 : 300 },
  /** Connections opened at once while clients connect. */
  connectBatch: 50,
};
