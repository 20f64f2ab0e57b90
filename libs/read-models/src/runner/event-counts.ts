import { type EventStore, type GlobalPosition } from '@orch/application';

export interface PositionsAfter {
  /** Positions of the visible events after `from`, oldest first, at most `cap` of them. */
  readonly positions: readonly GlobalPosition[];
  /** More events exist beyond `cap`. */
  readonly capped: boolean;
}

const PAGE = 1000;

/**
 * Reads the positions after `from` through the port, so it works on every store; `cap` bounds the
 * cost when far behind. Only the positions are kept, not the events.
 */
export async function positionsAfter(
  store: EventStore,
  from: GlobalPosition | undefined,
  cap = Number.POSITIVE_INFINITY,
): Promise<PositionsAfter> {
  const positions: GlobalPosition[] = [];
  let cursor = from;
  for (;;) {
    const page = await store.readAll({ ...(cursor === undefined ? {} : { fromPosition: cursor }), maxCount: PAGE });
    for (const event of page.events) positions.push(event.position);
    cursor = page.lastPosition ?? cursor;
    if (page.isEnd) return { positions, capped: false };
    if (positions.length >= cap) return { positions: positions.slice(0, cap), capped: true };
  }
}

/** How many events are visible after `from`, and the last one's position: counted page by page, nothing kept. */
export async function extentAfter(
  store: EventStore,
  from: GlobalPosition | undefined,
): Promise<{ readonly count: number; readonly head: GlobalPosition | null }> {
  let count = 0;
  let cursor = from;
  for (;;) {
    const page = await store.readAll({ ...(cursor === undefined ? {} : { fromPosition: cursor }), maxCount: PAGE });
    count += page.events.length;
    cursor = page.lastPosition ?? cursor;
    if (page.isEnd) return { count, head: cursor ?? null };
  }
}
