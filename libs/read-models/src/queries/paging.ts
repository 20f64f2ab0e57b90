import { PAGE_LIMITS, type PositionRangeParams, type SortOrder } from '@orch/contracts';
import { type SelectQueryBuilder } from 'kysely';

/** The page size asked for, within the list's bounds (the edge already rejects out-of-range values). */
export function pageLimit(limit: number | undefined, kind: keyof typeof PAGE_LIMITS): number {
  const bounds = PAGE_LIMITS[kind];
  if (limit === undefined) return bounds.default;
  return Math.min(Math.max(1, Math.trunc(limit)), bounds.max);
}

/** Rows fetched one beyond the limit say whether there is a next page. */
export function splitPage<T>(rows: readonly T[], limit: number): { items: T[]; more: boolean } {
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

/**
 * An `after`/`before` range over a position column, in the asked order, one row beyond the limit.
 * Every log table has an index ending in its position, so this is a range scan.
 */
export function positionRange<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  column: string,
  range: PositionRangeParams,
  limit: number,
): SelectQueryBuilder<DB, TB, O> {
  // The column name is one of ours, never the caller's; kysely cannot type a dynamic reference here.
  const ref = column as never;
  let q = query;
  if (range.after !== undefined) q = q.where(ref, '>', range.after as never);
  if (range.before !== undefined) q = q.where(ref, '<', range.before as never);
  return q.orderBy(ref, orderOf(range.order)).limit(limit + 1);
}

export function orderOf(order: SortOrder | undefined): SortOrder {
  return order ?? 'asc';
}

/** The `next` of a position page: the last item's position when the page was full. */
export function nextPosition<T>(items: readonly T[], more: boolean, positionOf: (item: T) => number): number | null {
  const last = items.at(-1);
  return more && last !== undefined ? positionOf(last) : null;
}
