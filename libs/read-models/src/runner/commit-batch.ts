import { type RecordedEvent } from '@orch/application';
import { sql, type Kysely } from 'kysely';
import { type Database } from '../database/database';
import { type BatchMemo } from '../projectors/batch/batch-memo';
import { type Projector } from '../projectors/projector';
import { applyEvents, type AppliedEvents } from './apply-batch';
import { moveCheckpoint } from './checkpoints';

export interface BatchSpec {
  readonly projector: Projector;
  readonly events: readonly RecordedEvent[];
  /**
   * Live batches: the checkpoint this batch continues from. The batch commits only if the stored
   * checkpoint still says so (a rebuild swap may have moved it), and moves it in the same
   * transaction. Absent for rebuild batches, whose position lives in memory until the swap.
   */
  readonly expectedCheckpoint?: { readonly position: number | null };
  /** Rebuild batches: the projector's rows kept in memory from one batch to the next (reset when a batch fails). */
  readonly memo?: BatchMemo;
  /**
   * Rebuild batches commit without waiting for the WAL flush (`SET LOCAL synchronous_commit = off`):
   * they write shadow tables nobody reads, and durability comes from the swap, which commits
   * synchronously after them (a crash before it leaves shadow tables the next rebuild replaces).
   */
  readonly asynchronousCommit?: boolean;
  /** Rebuild batches publish nothing, so the entity changes are not resolved. */
  readonly discardChanges?: boolean;
}

export type BatchResult = ({ readonly stale: false } & AppliedEvents) | { readonly stale: true; readonly stored: number | null };

/**
 * Commits one batch: read-model writes, parked events and checkpoint in one transaction. The
 * common case runs without savepoints; when an event throws, the transaction is rolled back and
 * the batch re-run with a SAVEPOINT per event, so only the failing events are parked.
 */
export async function commitBatch(db: Kysely<Database>, spec: BatchSpec): Promise<BatchResult> {
  try {
    const result = await runBatch(db, spec, false);
    spec.memo?.trim();
    return result;
  } catch {
    // The rolled-back writes are in the memo: forget it, the re-run reads the tables.
    spec.memo?.reset();
    // Deterministic failures recur and get parked; a lost connection fails the re-run as well.
    return runBatch(db, spec, true);
  }
}

function runBatch(db: Kysely<Database>, spec: BatchSpec, isolate: boolean): Promise<BatchResult> {
  const last = spec.events.at(-1);
  return db.transaction().execute(async (trx): Promise<BatchResult> => {
    const expected = spec.expectedCheckpoint;
    if (spec.asynchronousCommit) await sql`SET LOCAL synchronous_commit = off`.execute(trx);
    // The checkpoint moves first: one statement checks it, locks its row and sets the new value,
    // all undone if the batch fails.
    if (expected && last) {
      const move = await moveCheckpoint(trx, spec.projector.name, expected.position, last.position);
      if (!move.moved) return { stale: true, stored: move.stored };
    }
    const applied = await applyEvents(trx, spec.projector, spec.events, isolate, spec.memo, !spec.discardChanges);
    return { stale: false, ...applied };
  });
}
