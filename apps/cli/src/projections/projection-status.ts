import { type EventStore, type GlobalPosition } from '@orch/application';
import { type ReadModelDb } from '@orch/read-models';
import { logExtentAfter } from './log-extent';
import { PROJECTOR_NAMES } from './projector-names';

export interface ProjectorStatus {
  readonly projector: string;
  /** Last position committed; null: nothing applied yet (never run, or rebuilt on an empty log). */
  readonly checkpoint: GlobalPosition | null;
  /** The last event visible in the store; null for an empty log. */
  readonly head: GlobalPosition | null;
  /** Events after the checkpoint. */
  readonly lag: number;
  /** head and lag are lower bounds: counting stopped at the limit. */
  readonly capped: boolean;
  readonly parked: number;
  /** When the checkpoint last moved; null if the projector has no checkpoint row. */
  readonly updatedAt: string | null;
}

/**
 * Each projector's checkpoint, how far it trails the store's visible head, and its parked
 * events. The log is read once, from the slowest checkpoint, counting at most `countLimit` events.
 */
export async function projectionStatus(db: ReadModelDb, store: EventStore, countLimit: number): Promise<ProjectorStatus[]> {
  const checkpoints = new Map((await db.selectFrom('projector_checkpoints').select(['projector', 'position', 'updated_at']).execute()).map((row) => [row.projector, row]));
  const parked = await db.selectFrom('parked_events').select(['projector', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('projector').execute();
  const parkedBy = new Map(parked.map((row) => [row.projector, Number(row.count)]));
  const names = [...PROJECTOR_NAMES, ...[...checkpoints.keys()].filter((name) => !PROJECTOR_NAMES.includes(name)).sort()];
  const positions = names.map((name) => checkpoints.get(name)?.position ?? null);
  const slowest = positions.includes(null) ? undefined : Math.min(...(positions as number[]));
  const extent = await logExtentAfter(store, slowest, countLimit);
  const head = extent.positions.at(-1) ?? slowest ?? null;
  return names.map((projector, index) => {
    const checkpoint = positions[index] ?? null;
    return {
      projector,
      checkpoint,
      head,
      lag: extent.positions.filter((position) => checkpoint === null || position > checkpoint).length,
      capped: extent.capped,
      parked: parkedBy.get(projector) ?? 0,
      updatedAt: checkpoints.get(projector)?.updated_at ?? null,
    };
  });
}
