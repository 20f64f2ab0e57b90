import { type EventStore, type GlobalPosition, type RecordedEvent } from '@orch/application';
import { sql, type Kysely } from 'kysely';
import { type Database } from '../database/database';
import { ShadowTablesPlugin } from '../database/shadow-tables-plugin';
import { ALL_PROJECTORS, projectorNamed } from '../projectors/all-projectors';
import { BatchMemo } from '../projectors/batch/batch-memo';
import { type Projector } from '../projectors/projector';
import { lockCheckpoint, writeCheckpoint } from '../runner/checkpoints';
import { commitBatch } from '../runner/commit-batch';
import { extentAfter } from '../runner/event-counts';
import { stderrLogger, type ProjectorLogger } from '../runner/logger';
import { createShadowTables, dropShadowTables, indexShadowTables, swapInShadowTables } from './shadow-tables';

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
  /** Events per replay batch (one read of the log, one transaction per projector). Default 1000. */
  readonly batchSize?: number;
  /** Projectors `'all'` means. Default: every projector. */
  readonly projectors?: readonly Projector[];
  /** Projectors whose batch transactions run at the same time. Default: all of them. */
  readonly concurrency?: number;
}

export interface RebuildResult {
  readonly projector: string;
  readonly events: number;
  readonly position: GlobalPosition | null;
  readonly parked: number;
}

/** One projector's replay: its rows in memory (its shadow tables start empty), parked events, progress. */
interface Replay {
  readonly projector: Projector;
  readonly memo: BatchMemo;
  readonly parked: number[];
  position: GlobalPosition | null;
  events: number;
}

/** Default events per rebuild batch: twice the live runner's, and the memo spans batches anyway. */
export const REBUILD_BATCH_SIZE = 1000;

/**
 * Rebuilds projections from position zero into shadow tables, then swaps them in atomically
 * while a live runner keeps going: the swap holds the projector's checkpoint lock, so live
 * batches pause, and afterwards the runner sees the moved checkpoint and resumes from it.
 *
 * The log is read once for all the projections rebuilt (one shared reader, the next page read
 * while the current one is applied), each page applied to every projector in its own
 * transaction. Projectors keep their rows in memory across batches (their shadow tables start
 * empty and only they write them), and the batches commit asynchronously: durability comes from
 * the swap.
 */
export async function rebuildProjection(name: string, options: RebuildOptions): Promise<RebuildResult[]> {
  const projectors = name === 'all' ? (options.projectors ?? ALL_PROJECTORS) : [findProjector(name, options)];
  return options.db.connection().execute(async (connection) => {
    const locked: string[] = [];
    try {
      // One rebuild of a projector at a time: a second would clobber the first's shadow tables.
      for (const projector of projectors) {
        const key = `orch_rebuild:${projector.name}`;
        const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(hashtext(${key})) AS locked`.execute(connection);
        if (!rows[0]?.locked) throw new Error(`a rebuild of ${projector.name} is already running`);
        locked.push(key);
      }
      return await replayAndSwap(projectors, options);
    } finally {
      for (const key of locked) await sql`SELECT pg_advisory_unlock(hashtext(${key}))`.execute(connection);
    }
  });
}

function findProjector(name: string, options: RebuildOptions): Projector {
  return options.projectors?.find((projector) => projector.name === name) ?? projectorNamed(name);
}

async function replayAndSwap(projectors: readonly Projector[], options: RebuildOptions): Promise<RebuildResult[]> {
  const { db } = options;
  const tables = projectors.flatMap((projector) => projector.tables);
  await createShadowTables(db, tables);
  const results: RebuildResult[] = [];
  try {
    // The replay stops at the head as of now: under a steady write load it would otherwise chase
    // the tail forever. Whatever comes later, the live runner applies after the swap. The count
    // (for progress) reads the log alongside the replay, once for every projection.
    const extent = extentAfter(options.eventStore, undefined);
    extent.catch(() => undefined);
    const replays = await replayIntoShadow(projectors, options, extent);
    const { count } = await extent;
    await indexShadowTables(db, tables);
    for (const replay of replays) {
      const { projector } = replay;
      await swap(db, projector, replay.position, replay.parked);
      options.onProgress?.({ projector: projector.name, phase: 'swapped', done: replay.events, total: Math.max(count, replay.events) });
      (options.logger ?? stderrLogger).info(
        { projector: projector.name, position: replay.position, events: replay.events, parked: replay.parked.length },
        'projection rebuilt',
      );
      results.push({ projector: projector.name, events: replay.events, position: replay.position, parked: replay.parked.length });
    }
    return results;
  } catch (error) {
    const swapped = new Set(results.map((result) => result.projector));
    await dropShadowTables(db, projectors.filter((projector) => !swapped.has(projector.name)).flatMap((projector) => projector.tables));
    throw error;
  }
}

async function replayIntoShadow(
  projectors: readonly Projector[],
  options: RebuildOptions,
  extent: Promise<{ readonly count: number; readonly head: GlobalPosition | null }>,
): Promise<Replay[]> {
  const shadowDb = options.db.withPlugin(new ShadowTablesPlugin(projectors.flatMap((projector) => projector.tables)));
  const replays: Replay[] = projectors.map((projector) => ({ projector, memo: new BatchMemo(true), parked: [], position: null, events: 0 }));
  const batchSize = options.batchSize ?? REBUILD_BATCH_SIZE;
  const concurrency = Math.max(1, options.concurrency ?? replays.length);
  let known: { readonly count: number; readonly head: GlobalPosition | null } | undefined;
  void extent.then((value) => (known = value), () => undefined);
  const read = (from: GlobalPosition | null) =>
    options.eventStore.readAll({ ...(from === null ? {} : { fromPosition: from }), maxCount: batchSize });
  let position: GlobalPosition | null = null;
  let next = read(position);
  for (;;) {
    const page = await next;
    position = page.events.at(-1)?.position ?? position;
    const head = known?.head;
    const reachedHead = head === null || (head !== undefined && position !== null && position >= head);
    // Read ahead while this page is applied, unless the log (as of the start) ends here.
    const more = !page.isEnd && !reachedHead;
    if (more) next = read(position);
    if (page.events.length > 0) await applyToAll(shadowDb, replays, page.events, concurrency, options, known?.count);
    if (!more) return replays;
  }
}

/** One page applied to every projector, `concurrency` transactions at a time. */
async function applyToAll(
  shadowDb: Kysely<Database>,
  replays: readonly Replay[],
  events: readonly RecordedEvent[],
  concurrency: number,
  options: RebuildOptions,
  total: number | undefined,
): Promise<void> {
  let index = 0;
  const worker = async (): Promise<void> => {
    for (let replay = replays[index++]; replay; replay = replays[index++]) {
      const result = await commitBatch(shadowDb, { projector: replay.projector, events, memo: replay.memo, asynchronousCommit: true, discardChanges: true });
      if (!result.stale) replay.parked.push(...result.parked.map((event) => event.position));
      replay.position = events[events.length - 1]?.position ?? replay.position;
      replay.events += events.length;
      options.onProgress?.({ projector: replay.projector.name, phase: 'replaying', done: replay.events, total: Math.max(total ?? 0, replay.events) });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, replays.length) }, worker));
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
