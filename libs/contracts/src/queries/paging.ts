/**
 * Read-your-writes (DESIGN.md §1, §6): a command answers its `position`; a query given that
 * `minPosition` waits (bounded) until the read models serving it have committed it, else it
 * answers 503 `PROJECTION.NOT_CAUGHT_UP` with a `Retry-After` header.
 */
export interface Consistency {
  readonly minPosition?: number;
}

export const PROJECTION_NOT_CAUGHT_UP = 'PROJECTION.NOT_CAUGHT_UP';

/** A page of a list ordered by something other than the log: pass `nextCursor` back as `cursor`. */
export interface CursorPage<T> {
  readonly items: readonly T[];
  /** Opaque; null on the last page. */
  readonly nextCursor: string | null;
}

export interface CursorParams {
  readonly cursor?: string;
  /** 1..200, default 50. */
  readonly limit?: number;
}

/**
 * A page of something ordered by the global log (timeline, event log, audit trail): `next` is the
 * position to pass as `after` (ascending) or `before` (descending) for the following page; null
 * when this page was not full. A log keeps growing: tailing clients use the last item's position.
 */
export interface PositionPage<T> {
  readonly items: readonly T[];
  readonly next: number | null;
}

export type SortOrder = 'asc' | 'desc';

export interface PositionRangeParams {
  /** Exclusive lower bound (a global position). */
  readonly after?: number;
  /** Exclusive upper bound (a global position). */
  readonly before?: number;
  /** Default `asc`. */
  readonly order?: SortOrder;
  /** 1..500, default 100. */
  readonly limit?: number;
}

export const PAGE_LIMITS = {
  cursor: { default: 50, max: 200 },
  log: { default: 100, max: 500 },
} as const;

/** Token counts and money (USD; summed as micro-dollars, DOMAIN.md §1) of a task, session or agent. */
export interface Usage {
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
  readonly apiCalls: number;
  readonly apiErrors: number;
}
