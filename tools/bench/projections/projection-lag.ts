import { createPostgresEventStore } from '@orch/event-store';
import { createChangeNotifier, openReadModelDb, ProjectorRunner, silentLogger } from '@orch/read-models';
import { runWorkload } from '@orch/read-models/testing';
import { formatCount, formatMs } from '../event-store/format';
import { percentiles } from '../event-store/stats';
import type { LagJob, LagResult } from './jobs';
import { PacedEventStore, type Appended } from './paced-store';

const PROGRESS_EVERY_MS = 5_000;

/**
 * Steady-state projection lag: the ProjectorRunner with every projector (and change
 * notifications, as the app runs it) while the workload generator appends at a steady rate. Lag
 * per event = the moment every projector has committed it (runner.waitForPosition, the api's
 * read-your-writes wait) − the moment its append was acknowledged, on this process's clock.
 */
export async function runProjectionLag(job: LagJob, log: (line: string) => void): Promise<LagResult> {
  const store = await createPostgresEventStore({ connectionString: job.connectionString });
  const readModels = await openReadModelDb({ connectionString: job.connectionString });
  const notifier = createChangeNotifier({ connectionString: job.connectionString });
  const runner = new ProjectorRunner({ db: readModels.db, eventStore: store, notifier, logger: silentLogger });
  try {
    runner.start();
    const warm = await runWorkload(store, { seed: job.seed, minEvents: job.warmupEvents, writers: job.writers });
    if (!(await runner.waitForPosition(warm.lastPosition, job.drainTimeoutMs))) throw new Error('the runner did not catch up with the warm-up');

    const lags: number[] = [];
    const waits: Promise<void>[] = [];
    let sent = 0;
    let lastPosition = 0;
    let lastCommit = 0;
    let lastProjected = 0;
    const onAppended = ({ position, events, committedAt }: Appended): void => {
      sent += events;
      lastPosition = Math.max(lastPosition, position);
      lastCommit = committedAt;
      waits.push(
        runner.waitForPosition(position, job.drainTimeoutMs).then((reached) => {
          const now = performance.now();
          if (reached) lastProjected = Math.max(lastProjected, now);
          if (reached) for (let i = 0; i < events; i += 1) lags.push(now - committedAt);
        }),
      );
    };
    const started = performance.now();
    let drainedAfterByProjector: Record<string, number> = {};
    const progress = setInterval(() => {
      const recent = lags.slice(-500);
      log(`${formatCount(sent)} appended, ${formatCount(lags.length)} projected, ${((performance.now() - started) / 1_000).toFixed(0)} s, recent p50 ${formatMs(percentiles(recent).p50)}`);
    }, PROGRESS_EVERY_MS);
    try {
      const paced = new PacedEventStore(store, job.ratePerSecond, onAppended);
      await runWorkload(paced, { seed: job.seed + 1, minEvents: (job.ratePerSecond * job.durationMs) / 1_000, writers: job.writers });
      const [drainedAt] = await Promise.all([whenEachReaches(runner, lastPosition, job.drainTimeoutMs), Promise.all(waits)]);
      drainedAfterByProjector = Object.fromEntries(Object.entries(drainedAt).map(([name, at]) => [name, (at - started) / 1_000]));
    } finally {
      clearInterval(progress);
    }
    const result: LagResult = {
      kind: 'lag',
      sent,
      projected: lags.length,
      eventsPerSecond: sent / ((lastCommit - started) / 1_000),
      drainedAfter: (lastProjected - started) / 1_000,
      drainedAfterByProjector,
      lag: percentiles(lags),
    };
    log(`appended ${formatCount(sent)} in ${((lastCommit - started) / 1_000).toFixed(1)} s, all projected after ${result.drainedAfter.toFixed(1)} s`);
    log(`projected ${formatCount(result.projected)}/${formatCount(sent)}; lag p50 ${formatMs(result.lag.p50)}, p99 ${formatMs(result.lag.p99)}, max ${formatMs(result.lag.max)}`);
    return result;
  } finally {
    await runner.stop();
    await notifier.close();
    await readModels.close();
    await store.close();
  }
}

/** performance.now() at which each projector's committed position reached `position` (polled every 20 ms). */
async function whenEachReaches(runner: ProjectorRunner, position: number, timeoutMs: number): Promise<Record<string, number>> {
  const reached: Record<string, number> = {};
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const positions = Object.entries(runner.positions());
    for (const [name, at] of positions) if (reached[name] === undefined && at !== null && at >= position) reached[name] = performance.now();
    if (Object.keys(reached).length === positions.length || performance.now() > deadline) return reached;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
