import { sql, type Kysely } from 'kysely';
import { type Database } from '../database/database';

/** The projector's checkpoint, creating the row (position null: nothing applied) on first use. */
export async function ensureCheckpoint(db: Kysely<Database>, projector: string): Promise<number | null> {
  await db
    .insertInto('projector_checkpoints')
    .values({ projector, position: null, updated_at: new Date().toISOString() })
    .onConflict((conflict) => conflict.column('projector').doNothing())
    .execute();
  const row = await db
    .selectFrom('projector_checkpoints')
    .select('position')
    .where('projector', '=', projector)
    .executeTakeFirstOrThrow();
  return row.position;
}

/**
 * The rebuild swap's lock: serialises it with other swaps (advisory lock) and with live batches
 * (the checkpoint row, which `moveCheckpoint` locks too) for the rest of the transaction, then
 * reads the checkpoint as it now stands.
 */
export async function lockCheckpoint(trx: Kysely<Database>, projector: string): Promise<number | null> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`orch_projector:${projector}`}))`.execute(trx);
  const row = await trx
    .selectFrom('projector_checkpoints')
    .select('position')
    .where('projector', '=', projector)
    .forUpdate()
    .executeTakeFirst();
  return row?.position ?? null;
}

export async function writeCheckpoint(trx: Kysely<Database>, projector: string, position: number): Promise<void> {
  await trx
    .insertInto('projector_checkpoints')
    .values({ projector, position, updated_at: new Date().toISOString() })
    .onConflict((conflict) => conflict.column('projector').doUpdateSet({ position, updated_at: new Date().toISOString() }))
    .execute();
}

export type CheckpointMove = { readonly moved: true } | { readonly moved: false; readonly stored: number | null };

/**
 * Moves the checkpoint from `expected` to `position` in one statement, which also holds its row
 * lock for the rest of the transaction (a rebuild swap locks the same row first, so the two
 * serialise). Not moved: the stored checkpoint was not `expected` (a swap moved it).
 */
export async function moveCheckpoint(db: Kysely<Database>, projector: string, expected: number | null, position: number): Promise<CheckpointMove> {
  const result = await db
    .updateTable('projector_checkpoints')
    .set({ position, updated_at: new Date().toISOString() })
    .where('projector', '=', projector)
    .where(sql<boolean>`position IS NOT DISTINCT FROM ${expected}::bigint`)
    .executeTakeFirst();
  if (result.numUpdatedRows > 0n) return { moved: true };
  const row = await db.selectFrom('projector_checkpoints').select('position').where('projector', '=', projector).executeTakeFirst();
  return { moved: false, stored: row?.position ?? null };
}
