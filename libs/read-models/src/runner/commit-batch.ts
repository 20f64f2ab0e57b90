import { type RecordedEvent } from '@orch/application';
import { type Kysely } from 'kysely';
import { type Database } from '../database/database';
import { type Projector } from '../projectors/projector';
import { applyEvents, type AppliedEvents } from './apply-batch';
import { lockCheckpoint, writeCheckpoint } from './checkpoints';

export interface BatchSpec {
  readonly projector: Projector;
  readonly events: readonly RecordedEvent[];
  /**
   * Live batches: the checkpoint this batch continues from. The batch commits only if the stored
   * checkpoint still says so (a rebuild swap may have moved it), and moves it in the same
   * transaction. Absent for rebuild batches, whose position lives in memory until the swap.
   */
  readonly expectedCheckpoint?: { readonly position: number | null };
}

export type BatchResult = ({ readonly stale: false } & AppliedEvents) | { readonly stale: true; readonly stored: number | null };

/**
 * Commits one batch: read-model writes, parked events and checkpoint in one transaction. The
 * common case runs without savepoints; when an event throws, the transaction is rolled back and
 * the batch re-run with a SAVEPOINT per event, so only the failing events are parked.
 */
export async function commitBatch(db: Kysely<Database>, spec: BatchSpec): Promise<BatchResult> {
  try {
    return await runBatch(db, spec, false);
  } catch {
    // Deterministic failures recur and get parked; a lost connection fails the re-run as well.
    return runBatch(db, spec, true);
  }
}

function runBatch(db: Kysely<Database>, spec: BatchSpec, isolate: boolean): Promise<BatchResult> {
  const last = spec.events.at(-1);
  return db.transaction().execute(async (trx): Promise<BatchResult> => {
    const expected = spec.expectedCheckpoint;
    if (expected) {
      const stored = await lockCheckpoint(trx, spec.projector.name);
      if (stored !== expected.position) return { stale: true, stored };
    }
    const applied = await applyEvents(trx, spec.projector, spec.events, isolate);
    if (expected && last) await writeCheckpoint(trx, spec.projector.name, last.position);
    return { stale: false, ...applied };
  });
}
