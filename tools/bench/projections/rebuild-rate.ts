import { createPostgresEventStore } from '@orch/event-store';
import { ALL_PROJECTORS, openReadModelDb, rebuildProjection, silentLogger, type RebuildProgress } from '@orch/read-models';
import { formatCount } from '../event-store/format';
import type { ProjectionFigures, RebuildJob, RebuildResult } from './jobs';
import { readWholeLog } from './read-log';
import { seedHistory } from './seed';
import { attributed, StatementCounter } from './statement-counter';
import { tableActivity } from './table-activity';

const PROGRESS_EVERY_MS = 10_000;

/**
 * Seeds a realistic history, reads it once through the port (the baseline), then rebuilds every
 * projection from position zero exactly as `npm run cli -- projections rebuild all` does.
 */
export async function runRebuildRate(job: RebuildJob, log: (line: string) => void): Promise<RebuildResult> {
  const seeded = await seedHistory(job.connectionString, job);
  log(`seeded ${formatCount(seeded.events)} events in ${seeded.seconds.toFixed(1)} s (asynchronous commit, not measured)`);
  const store = await createPostgresEventStore({ connectionString: job.connectionString });
  const readModels = await openReadModelDb({ connectionString: job.connectionString });
  try {
    const read = await readWholeLog(store, job.batchSize);
    if (read.events !== seeded.events) throw new Error(`read ${read.events} events, seeded ${seeded.events}: another transaction holds back the log`);
    log(`read the log: ${formatCount(read.events / read.seconds)} events/s`);

    const counter = new StatementCounter();
    const swappedAt = new Map<string, number>();
    const started = performance.now();
    let lastLog = started;
    const onProgress = (progress: RebuildProgress): void => {
      if (progress.phase === 'swapped') swappedAt.set(progress.projector, (performance.now() - started) / 1_000);
      if (performance.now() - lastLog < PROGRESS_EVERY_MS) return;
      lastLog = performance.now();
      log(`rebuilding: ${progress.projector} at ${formatCount(progress.done)}/${formatCount(progress.total)}, ${swappedAt.size} swapped, ${((lastLog - started) / 1_000).toFixed(0)} s`);
    };
    const results = await rebuildProjection('all', {
      db: readModels.db.withPlugin(counter),
      eventStore: store,
      batchSize: job.batchSize,
      concurrency: job.concurrency,
      projectors: attributed(ALL_PROJECTORS),
      logger: silentLogger,
      onProgress,
    });
    const rebuildSeconds = (performance.now() - started) / 1_000;
    const short = results.find((result) => result.events !== read.events);
    if (short) throw new Error(`${short.projector} replayed ${short.events} of ${read.events} events`);
    log(`rebuilt ${results.length} projections in ${rebuildSeconds.toFixed(1)} s: ${formatCount(read.events / rebuildSeconds)} events/s`);
    await readModels.close();
    return {
      kind: 'rebuild',
      events: read.events,
      seedSeconds: seeded.seconds,
      readSeconds: read.seconds,
      rebuildSeconds,
      runnerStatements: counter.counts.get('runner') ?? 0,
      projections: await projectionFigures(job.connectionString, swappedAt, counter.counts),
      parked: results.reduce((sum, result) => sum + result.parked, 0),
    };
  } finally {
    await readModels.close().catch(() => undefined);
    await store.close();
  }
}

async function projectionFigures(
  connectionString: string,
  swappedAt: ReadonlyMap<string, number>,
  statements: ReadonlyMap<string, number>,
): Promise<ProjectionFigures[]> {
  const activity = await tableActivity(connectionString);
  return ALL_PROJECTORS.map((projector) => ({
    projector: projector.name,
    swappedAfter: swappedAt.get(projector.name) ?? Number.NaN,
    statements: statements.get(projector.name) ?? 0,
    rowsWritten: projector.tables.reduce((sum, table) => sum + (activity.get(table)?.rowsWritten ?? 0), 0),
    indexScans: projector.tables.reduce((sum, table) => sum + (activity.get(table)?.indexScans ?? 0), 0),
  }));
}
