import { type EventStore, type GlobalPosition } from '@orch/application';
import { type Kysely } from 'kysely';
import { type Database } from '../database/database';
import { ALL_PROJECTORS } from '../projectors/all-projectors';
import { positionsAfter } from '../runner/event-counts';

export interface StoredLag {
  readonly projector: string;
  readonly lastAppliedPosition: GlobalPosition | null;
  readonly headPosition: GlobalPosition | null;
  readonly eventsBehind: number;
  /** eventsBehind is a lower bound (counting stopped at the cap). */
  readonly eventsBehindCapped: boolean;
}

/**
 * Projector lag from the stored checkpoints, for a process that does not run the projectors:
 * the visible events after the slowest checkpoint, counted through the port up to `cap`. A
 * projector that has no checkpoint row yet counts as having applied nothing.
 */
export async function storedLag(
  db: Kysely<Database>,
  store: EventStore,
  cap = 1_000,
  projectors: readonly string[] = ALL_PROJECTORS.map((projector) => projector.name),
): Promise<StoredLag[]> {
  const stored = await db.selectFrom('projector_checkpoints').select(['projector', 'position']).execute();
  const positionOf = new Map(stored.map((row) => [row.projector, row.position]));
  const rows = projectors.map((projector) => ({ projector, position: positionOf.get(projector) ?? null }));
  if (rows.length === 0) return [];
  const slowest = rows.some((row) => row.position === null) ? undefined : Math.min(...rows.map((row) => row.position as number));
  const { positions, capped } = await positionsAfter(store, slowest, cap);
  const head = positions.at(-1) ?? slowest ?? null;
  return rows.map((row) => ({
    projector: row.projector,
    lastAppliedPosition: row.position,
    headPosition: head,
    eventsBehind: positions.filter((position) => row.position === null || position > row.position).length,
    eventsBehindCapped: capped,
  }));
}
