/**
 * `npm run bench:event-store`: append throughput of our PostgreSQL store against a plain INSERT
 * of the same rows and against Emmett's PostgreSQL store, then subscribeToAll lag at a steady
 * rate. Each workload runs in a worker process on a database of its own, created here and
 * dropped after it (also on failure and Ctrl-C). See BENCHMARKS.md for the latest numbers.
 */
import { loadavg } from 'node:os';
import { BENCH } from './bench-config';
import { dropAllDatabases, withDatabase } from './databases';
import { formatCount, formatMs } from './format';
import type { Job, JobResult, LagResult, Mode, TargetName, ThroughputResult } from './jobs';
import { lagShape, resultTable, targetVerdicts, WORKLOAD_NAMES, type Measured, type ThroughputResults } from './report';
import { killWorkers, runInWorker } from './run-in-worker';
import { checkpoint, describeMachine, otherActivity, waitForClearHorizon } from './server';
import { monitorServer } from './server-monitor';

const MODES: readonly Mode[] = ['single', 'batch'];
const TARGETS: readonly TargetName[] = ['plain', 'orch', 'emmett'];
/** How long a lag run waits for another database's open transaction to end (see server.ts). */
const HORIZON_WAIT_MS = 30_000;

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`Event-store benchmark, ${new Date().toISOString()}`);
  for (const line of await describeMachine()) console.log(line);

  const results: Partial<Record<Mode, Partial<Record<TargetName, Measured<ThroughputResult>>>>> = {};
  for (const mode of MODES) {
    for (const target of TARGETS) (results[mode] ??= {})[target] = await throughput(mode, target);
  }
  const lags: Measured<LagResult>[] = [];
  for (const eventsPerAppend of BENCH.lag.eventsPerAppend) lags.push(await subscriptionLag(eventsPerAppend));

  console.log(`\nResults (${BENCH.writers} concurrent writers; lag = receive − append commit)\n`);
  for (const line of resultTable(results as ThroughputResults, lags)) console.log(line);
  for (const { eventsPerAppend, sendToReceive: s } of lags) {
    console.log(`send→receive, ${eventsPerAppend}/append (includes the append itself): p50 ${formatMs(s.p50)}, p99 ${formatMs(s.p99)}`);
  }
  console.log('\nTargets');
  for (const verdict of targetVerdicts(results as ThroughputResults, lags)) {
    console.log(`  [${verdict.met ? 'MET' : 'MISSED'}] ${verdict.text}`);
  }
  console.log(`\nDone in ${((Date.now() - started) / 1_000).toFixed(0)} s.`);
}

async function throughput(mode: Mode, target: TargetName): Promise<Measured<ThroughputResult>> {
  const sizes = BENCH[mode];
  const label = `${target} ${mode}`;
  console.log(
    `\n▶ ${WORKLOAD_NAMES[mode][target]}: ${formatCount(sizes.events)} events (+${formatCount(sizes.warmupEvents)} warm-up), ` +
      `${BENCH.writers} writers × ${sizes.streamsPerWriter} streams, at most ${sizes.maxSeconds} s`,
  );
  const result = await measured(`bench_${target}`, label, (connectionString) => ({
    kind: 'throughput',
    target,
    mode,
    connectionString,
    events: sizes.events,
    warmupEvents: sizes.warmupEvents,
    writers: BENCH.writers,
    perAppend: mode === 'single' ? 1 : BENCH.batchSize,
    streamsPerWriter: sizes.streamsPerWriter,
    maxSeconds: sizes.maxSeconds,
  }));
  if (result.kind !== 'throughput') throw new Error(`${label}: unexpected ${result.kind} result`);
  console.log(`  [${label}] ${formatCount(result.eventsPerSecond)} events/s (${result.seconds.toFixed(1)} s)`);
  return result;
}

async function subscriptionLag(eventsPerAppend: number): Promise<Measured<LagResult>> {
  const { lag } = BENCH;
  console.log(
    `\n▶ subscribeToAll lag: ${formatCount(lag.ratePerSecond)} events/s as ${lagShape(eventsPerAppend)} ` +
      `for ${lag.durationMs / 1_000} s`,
  );
  const result = await measured('bench_lag', `lag ${eventsPerAppend}/append`, (connectionString) => ({
    kind: 'lag',
    connectionString,
    ratePerSecond: lag.ratePerSecond,
    tickMs: lag.tickMs,
    durationMs: lag.durationMs,
    eventsPerAppend,
    streams: lag.streams,
    warmupEvents: lag.warmupEvents,
    drainTimeoutMs: lag.drainTimeoutMs,
  }));
  if (result.kind !== 'lag') throw new Error(`lag: unexpected ${result.kind} result`);
  return result;
}

/**
 * One job on a fresh database, after a checkpoint, with the rest of the server sampled meanwhile.
 * A lag job first waits (bounded) for other databases' long transactions to end.
 */
async function measured(prefix: string, label: string, job: (connectionString: string) => Job): Promise<Measured<JobResult>> {
  return withDatabase(prefix, async (database) => {
    const spec = job(database.connectionString);
    await checkpoint();
    console.log(`  load average before the run: ${loadavg()[0]?.toFixed(2) ?? '?'}`);
    for (const line of await otherActivity(database.name)) console.log(`  ! other session on the server: ${line}`);
    const waiting = (): void => console.log(`  … waiting up to ${HORIZON_WAIT_MS / 1_000} s for it to end`);
    if (spec.kind === 'lag' && !(await waitForClearHorizon(database.name, HORIZON_WAIT_MS, waiting))) {
      console.log(`  ! still open: subscribers in this run are held back by it`);
    }
    const monitor = await monitorServer(database.name);
    const outcome = await runInWorker(spec, label).then(
      (result) => ({ ok: true as const, result }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const noise = await monitor.stop();
    if (!outcome.ok) throw outcome.error;
    if (noise.othersActive > 0 || noise.horizonHeld > 0) {
      console.log(
        `  [${label}] other databases were busy in ${(noise.othersActive * 100).toFixed(0)}% of samples; ` +
          `held the xmin horizon > 100 ms in ${(noise.horizonHeld * 100).toFixed(0)}% (longest ${formatMs(noise.longestHoldMs)})`,
      );
    }
    return { ...outcome.result, noise };
  });
}

async function interrupted(signal: NodeJS.Signals): Promise<void> {
  console.error(`\n${signal}: stopping workers and dropping the bench databases…`);
  killWorkers();
  await dropAllDatabases();
  process.exit(130);
}

process.once('SIGINT', (signal) => void interrupted(signal));
process.once('SIGTERM', (signal) => void interrupted(signal));

main().catch(async (error: unknown) => {
  console.error(error);
  killWorkers();
  await dropAllDatabases();
  process.exit(1);
});
