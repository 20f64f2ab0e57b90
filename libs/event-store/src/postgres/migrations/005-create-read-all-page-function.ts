import { type Migration } from './migration';

/**
 * read_all_page(after, limit, stream prefixes, type prefixes, tenant): one page of the global
 * log, keyset-paginated on the primary key. The horizon (snapshot xmin << 16) is computed first,
 * then the page is read by a statement planned with the actual bounds (EXECUTE … USING plans
 * each call with its values), and bitmap scans are off inside it, so the plan is an index scan of
 * `events_pkey` (or `events_tenant_position` with a tenant filter) from `after` that stops after
 * `limit` rows: the cost of a page does not depend on where it is in the log.
 * (Before, the bounds came from a LATERAL subquery the planner could not see into: it chose a
 * bitmap scan of every row after the cursor and a top-N sort, so reading the log was quadratic.)
 *
 * position = (tx_id << 16) + ordinal with ordinal < 65536, so position < xmin << 16 is exactly
 * tx_id < xmin: only rows of transactions older than the oldest one still running.
 *
 * Every row carries the page's horizon and snapshot end; an empty page is one row of bounds with
 * NULL event columns. Filters left NULL (or empty) are not applied.
 */
export const createReadAllPageFunction: Migration = {
  version: 5,
  name: 'create-read-all-page-function',
  sql: (s) => `
CREATE FUNCTION ${s}.read_all_page(
  p_after bigint, p_limit integer,
  p_stream_prefixes text[] DEFAULT NULL, p_type_prefixes text[] DEFAULT NULL, p_tenant text DEFAULT NULL)
RETURNS TABLE (
  horizon bigint, snapshot_end bigint, "position" bigint, event_id uuid, stream_name text, revision bigint,
  type text, data jsonb, metadata jsonb, recorded_at timestamptz)
LANGUAGE plpgsql STABLE
-- A bitmap scan would read every row after the cursor (and sort them) to return a page; an index
-- scan in position order stops after the page, with or without filters (tenant: its own index).
SET enable_bitmapscan = off
AS $fn$
DECLARE
  v_snapshot pg_snapshot := pg_current_snapshot();
  v_horizon bigint := pg_snapshot_xmin(v_snapshot)::text::bigint << 16;
  v_end bigint := pg_snapshot_xmax(v_snapshot)::text::bigint << 16;
  v_sql text := 'SELECT $1, $2, ev.position, ev.event_id, ev.stream_name, ev.revision, ev.type, ev.data, ev.metadata, ev.recorded_at'
    || ' FROM ${s}.events ev WHERE ev.position > $3 AND ev.position < $1';
BEGIN
  IF cardinality(p_stream_prefixes) > 0 THEN
    v_sql := v_sql || ' AND EXISTS (SELECT 1 FROM unnest($5) p WHERE starts_with(ev.stream_name, p))';
  END IF;
  IF cardinality(p_type_prefixes) > 0 THEN
    v_sql := v_sql || ' AND EXISTS (SELECT 1 FROM unnest($6) p WHERE starts_with(ev.type, p))';
  END IF;
  IF p_tenant IS NOT NULL THEN
    v_sql := v_sql || ' AND ev.tenant_id = $7';
  END IF;
  RETURN QUERY EXECUTE v_sql || ' ORDER BY ev.position LIMIT $4'
    USING v_horizon, v_end, p_after, p_limit, p_stream_prefixes, p_type_prefixes, p_tenant;
  IF NOT FOUND THEN
    RETURN QUERY SELECT v_horizon, v_end, NULL::bigint, NULL::uuid, NULL::text, NULL::bigint,
      NULL::text, NULL::jsonb, NULL::jsonb, NULL::timestamptz;
  END IF;
END $fn$;
`,
};
