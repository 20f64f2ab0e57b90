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
 * Serialises everything that moves a projector's checkpoint (live batches, the rebuild swap) for
 * the rest of the transaction, then reads the checkpoint as it now stands.
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
