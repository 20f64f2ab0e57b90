import { type EventStore, type GlobalPosition } from '@orch/application';
import { sql, type Kysely } from 'kysely';
import { type Database } from '../database/database';
import { ShadowTablesPlugin } from '../database/shadow-tables-plugin';
import { ALL_PROJECTORS, projectorNamed } from '../projectors/all-projectors';
import { type Projector } from '../projectors/projector';
import { lockCheckpoint, writeCheckpoint } from '../runner/checkpoints';
import { commitBatch } from '../runner/commit-batch';
import { extentAfter } from '../runner/event-counts';
import { stderrLogger, type ProjectorLogger } from '../runner/logger';
import { createShadowTables, dropShadowTables, swapInShadowTables } from './shadow-tables';

export interface RebuildProgress {
  readonly projector: string;
  readonly phase: 'replaying' | 'swapped';
  readonly done: number;
  /** Events in the log when the rebuild started (the log may grow meanwhile). */
  readonly total: number;
}

export interface RebuildOptions {
  readonly db: Kysely<Database>;
  readonly eventStore: EventStore;
  readonly onProgress?: (progress: RebuildProgress) => void;
  readonly logger?: ProjectorLogger;
  /** Events per replay batch. Default 500. */
  readonly batchSize?: number;
  /** Projectors `'all'` means. Default: every projector. */
  readonly projectors?: readonly Projector[];
  /** Projectors rebuilt at the same time under `'all'`. Default 3. */
  readonly concurrency?: number;
}

export interface RebuildResult {
  readonly projector: string;
  readonly events: number;
  readonly position: GlobalPosition | null;
  readonly parked: number;
}

/**
 * Rebuilds projections from position zero into shadow tables, then swaps them in atomically
 * while a live runner keeps going: the swap holds the projector's checkpoint lock, so live
 * batches pause, and afterwards the runner sees the moved checkpoint and resumes from it.
 */
export async function rebuildProjection(name: string, options: RebuildOptions): Promise<RebuildResult[]> {
  const projectors = name === 'all' ? (options.projectors ?? ALL_PROJECTORS) : [findProjector(name, options)];
  const results: RebuildResult[] = new Array(projectors.length);
  let next = 0;
  // Each rebuild is bound by round trips, not CPU, so a few side by side finish sooner.
  const worker = async (): Promise<void> => {
    for (let index = next++; index < projectors.length; index = next++) {
      results[index] = await rebuildOne(projectors[index] as Projector, options);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 3) }, worker));
  return results;
}

function findProjector(name: string, options: RebuildOptions): Projector {
  return options.projectors?.find((projector) => projector.name === name) ?? projectorNamed(name);
}

/** One rebuild of a projector at a time: a second would clobber the first's shadow tables. */
async function rebuildOne(projector: Projector, options: RebuildOptions): Promise<RebuildResult> {
  return options.db.connection().execute(async (connection) => {
    const key = `orch_rebuild:${projector.name}`;
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(hashtext(${key})) AS locked`.execute(connection);
    if (!rows[0]?.locked) throw new Error(`a rebuild of ${projector.name} is already running`);
    try {
      return await replayAndSwap(projector, options);
    } finally {
      await sql`SELECT pg_advisory_unlock(hashtext(${key}))`.execute(connection);
    }
  });
}

async function replayAndSwap(projector: Projector, options: RebuildOptions): Promise<RebuildResult> {
  const { db, eventStore } = options;
  await createShadowTables(db, projector.tables);
  try {
    // The replay stops at the head as of now: under a steady write load it would otherwise chase
    // the tail forever. Whatever comes later, the live runner applies after the swap.
    const { count, head } = await extentAfter(eventStore, undefined);
    const replay = await replayIntoShadow(projector, options, { total: count, target: head });
    await swap(db, projector, replay.position, replay.parked);
    options.onProgress?.({ projector: projector.name, phase: 'swapped', done: replay.events, total: Math.max(count, replay.events) });
    (options.logger ?? stderrLogger).info({ projector: projector.name, ...replay, parked: replay.parked.length }, 'projection rebuilt');
    return { projector: projector.name, events: replay.events, position: replay.position, parked: replay.parked.length };
  } catch (error) {
    await dropShadowTables(db, projector.tables);
    throw error;
  }
}

async function replayIntoShadow(projector: Projector, options: RebuildOptions, goal: { total: number; target: GlobalPosition | null }) {
  const shadowDb = options.db.withPlugin(new ShadowTablesPlugin(projector.tables));
  const parked: number[] = [];
  let position: GlobalPosition | null = null;
  let events = 0;
  for (;;) {
    const page = await options.eventStore.readAll({
      ...(position === null ? {} : { fromPosition: position }),
      maxCount: options.batchSize ?? 500,
    });
    if (page.events.length > 0) {
      const result = await commitBatch(shadowDb, { projector, events: page.events });
      if (!result.stale) parked.push(...result.parked.map((event) => event.position));
      position = page.events[page.events.length - 1]?.position ?? position;
      events += page.events.length;
      options.onProgress?.({ projector: projector.name, phase: 'replaying', done: events, total: Math.max(goal.total, events) });
    }
    const reachedTarget = goal.target === null || (position !== null && position >= goal.target);
    if (page.isEnd || reachedTarget) return { position, events, parked };
  }
}

/** One transaction: tables swapped, checkpoint set to the replayed position, stale parkings cleared. */
async function swap(db: Kysely<Database>, projector: Projector, position: GlobalPosition | null, parked: readonly number[]) {
  await db.transaction().execute(async (trx) => {
    await lockCheckpoint(trx, projector.name);
    await swapInShadowTables(trx, projector.tables);
    if (position !== null) await writeCheckpoint(trx, projector.name, position);
    else await trx.updateTable('projector_checkpoints').set({ position: null }).where('projector', '=', projector.name).execute();
    let stale = trx.deleteFrom('parked_events').where('projector', '=', projector.name);
    if (position !== null) stale = stale.where('position', '<=', position);
    if (parked.length > 0) stale = stale.where('position', 'not in', parked);
    await stale.execute();
  });
}
