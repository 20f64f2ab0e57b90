/**
 * `npm run bench:projections`: how fast every projection is rebuilt from position zero over a
 * realistic generated history, against the raw rate of reading the same events from the store,
 * then the steady-state lag of the live ProjectorRunner at a fixed append rate. Each workload
 * runs in a worker process on a database of its own, created here and dropped after it (also on
 * failure and Ctrl-C). See BENCHMARKS.md for the latest numbers.
 */
import { loadavg } from 'node:os';
import { dropAllDatabases, withDatabase } from '../event-store/databases';
import { formatCount } from '../event-store/format';
import type { Measured } from '../event-store/report';
import { checkpoint, describeMachine, otherActivity, waitForClearHorizon } from '../event-store/server';
import { monitorServer } from '../event-store/server-monitor';
import { BENCH } from './bench-config';
import type { Job, JobResult, LagResult, RebuildResult } from './jobs';
import { lagSummary, projectionTable, resultTable, targetVerdicts } from './report';
import { killWorkers, runInWorker } from './run-in-worker';

/** How long the lag run waits for another database's open transaction to end. */
const HORIZON_WAIT_MS = 30_000;

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`Projection benchmark, ${new Date().toISOString()}${process.env['BENCH_QUICK'] === '1' ? ' (BENCH_QUICK: smoke run, numbers mean nothing)' : ''}`);
  for (const line of await describeMachine()) console.log(line);

  const { rebuild: r, lag: l } = BENCH;
  console.log(`\n▶ rebuild: ${formatCount(r.events)} generated events, then a raw read of the log, then rebuild all (one shared read of the log, batches of ${r.batchSize}, ${r.concurrency} projector transactions at a time)`);
  const rebuild = await measured('bench_rebuild', 'rebuild', (connectionString) => ({ kind: 'rebuild', connectionString, ...r }));
  if (rebuild.kind !== 'rebuild') throw new Error(`rebuild: unexpected ${rebuild.kind} result`);
  console.log(`\n▶ projection lag: ${formatCount(l.ratePerSecond)} events/s for ${l.durationMs / 1_000} s from ${l.writers} writers, ProjectorRunner with every projector`);
  const lag = await measured('bench_projection_lag', 'lag', (connectionString) => ({ kind: 'lag', connectionString, ...l }));
  if (lag.kind !== 'lag') throw new Error(`lag: unexpected ${lag.kind} result`);

  console.log(`\nResults (rates are events of the log per second; lag = all projectors committed − append acknowledged)\n`);
  for (const line of resultTable(rebuild as Measured<RebuildResult>, lag as Measured<LagResult>)) console.log(line);
  console.log(`\nLive projection: ${lagSummary(lag)}`);
  console.log(`\nRebuild by projection (all fed by one read of the log, swapped one after the other; ${rebuild.parked} events parked)\n`);
  for (const line of projectionTable(rebuild)) console.log(line);
  console.log('\nTargets');
  for (const verdict of targetVerdicts(rebuild)) console.log(`  [${verdict.met ? 'MET' : 'MISSED'}] ${verdict.text}`);
  console.log(`\nDone in ${((Date.now() - started) / 1_000).toFixed(0)} s.`);
}

/** One job on a fresh database, after a checkpoint, with the rest of the server sampled meanwhile. */
async function measured(prefix: string, label: string, job: (connectionString: string) => Job): Promise<Measured<JobResult>> {
  return withDatabase(prefix, async (database) => {
    const spec = job(database.connectionString);
    await checkpoint();
    console.log(`  load average before the run: ${loadavg()[0]?.toFixed(2) ?? '?'}`);
    for (const line of await otherActivity(database.name)) console.log(`  ! other session on the server: ${line}`);
    const waiting = (): void => console.log(`  … waiting up to ${HORIZON_WAIT_MS / 1_000} s for it to end`);
    if (!(await waitForClearHorizon(database.name, HORIZON_WAIT_MS, waiting))) console.log('  ! still open: this run is held back by it');
    const monitor = await monitorServer(database.name);
    const outcome = await runInWorker(spec, label).then(
      (result) => ({ ok: true as const, result }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const noise = await monitor.stop();
    if (!outcome.ok) throw outcome.error;
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
