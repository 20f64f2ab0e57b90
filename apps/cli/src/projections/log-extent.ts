import { type EventStore, type GlobalPosition } from '@orch/application';

export interface LogExtent {
  /** Positions of the visible events after `from`, oldest first, at most `limit` of them. */
  readonly positions: readonly GlobalPosition[];
  /** More events exist beyond `limit`: counts derived from `positions` are lower bounds. */
  readonly capped: boolean;
}

const PAGE = 1_000;

/**
 * Pages through the global log after `from` through the port (so it works on every store),
 * keeping only positions. `limit` bounds the cost when a projector is far behind.
 */
export async function logExtentAfter(store: EventStore, from: GlobalPosition | undefined, limit: number): Promise<LogExtent> {
  const positions: GlobalPosition[] = [];
  for (let cursor = from; ; ) {
    // One event past the limit tells a log of exactly `limit` events from a longer one.
    const maxCount = Math.min(PAGE, limit + 1 - positions.length);
    const page = await store.readAll({ ...(cursor === undefined ? {} : { fromPosition: cursor }), maxCount });
    for (const event of page.events) positions.push(event.position);
    cursor = page.lastPosition ?? cursor;
    if (positions.length > limit) return { positions: positions.slice(0, limit), capped: true };
    if (page.isEnd) return { positions, capped: false };
  }
}
