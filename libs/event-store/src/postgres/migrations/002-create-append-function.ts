import { appendChannel } from '../schema-name';
import { type Migration } from './migration';

/**
 * append_to_stream(stream, expected, events jsonb) → (next_expected_revision, last_position):
 * one round trip per append. Error codes (mapped in sql-errors.ts):
 *   ES409 wrong expected version (DETAIL is JSON with `actual`), ES410 tombstoned stream,
 *   ES413 more than 65,536 events in one transaction, 40001 stream order would break (retry).
 *
 * Global position = (tx_id << 16) + ordinal, ordinal 0..65535 continuing across every append of
 * the transaction (it is derived from the rows this transaction already wrote, so a second append
 * in the same transaction carries on where the first stopped). Readers only take rows whose
 * tx_id is below the oldest running transaction id, so everything they can still miss has a larger
 * tx_id, hence a larger position: positions are strictly increasing in delivery order, gap-free,
 * without a global lock.
 *
 * Why this fits in a JS number: tx_id is the 64-bit xid8 (it never wraps) and advances by one per
 * writing transaction in the whole cluster. position < 2^53 while tx_id < 2^37 (~1.37e11): at a
 * sustained 1,000 writing transactions per second (read-model writes included) that is ~4.4 years,
 * at 100/s ~43 years. The adapter checks every position it reads and fails loudly past 2^53.
 *
 * The per-stream advisory lock is taken BEFORE the transaction gets its xid, so a later append to a
 * stream always gets a larger tx_id than the earlier one. A transaction that already had an xid
 * (it wrote before this append) could break that; the function detects it and raises 40001.
 */
export const createAppendFunction: Migration = {
  version: 2,
  name: 'create-append-function',
  sql: (s) => `
CREATE FUNCTION ${s}.raise_wrong_expected(p_stream text, p_expected text, p_last bigint)
RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'wrong expected version on %: expected %, actual %', p_stream, p_expected, p_last
    USING ERRCODE = 'ES409',
      DETAIL = json_build_object('actual', CASE WHEN p_last < 0 THEN NULL ELSE p_last END)::text;
END $fn$;

CREATE FUNCTION ${s}.assert_expected(p_stream text, p_expected text, p_last bigint, p_soft_deleted boolean)
RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  -- A soft-deleted stream reads as empty, so a writer that loaded it may recreate it with no_stream.
  IF NOT (CASE p_expected
      WHEN 'any' THEN true
      WHEN 'no_stream' THEN p_last < 0 OR p_soft_deleted
      WHEN 'stream_exists' THEN p_last >= 0 AND NOT p_soft_deleted
      ELSE p_expected::bigint = p_last
    END) THEN
    PERFORM ${s}.raise_wrong_expected(p_stream, p_expected, p_last);
  END IF;
END $fn$;

-- The same event ids re-sent at the same expected revision: return the original result, write nothing.
CREATE FUNCTION ${s}.replayed_append(
  p_stream text, p_expected text, p_events jsonb, p_last bigint, p_deleted_before bigint)
RETURNS TABLE (next_expected_revision bigint, last_position bigint) LANGUAGE plpgsql AS $fn$
DECLARE
  v_first bigint;
  v_matched int;
  v_revision bigint;
  v_position bigint;
BEGIN
  SELECT e.revision INTO v_first FROM ${s}.events e
   WHERE e.event_id = (p_events->0->>'id')::uuid AND e.stream_name = p_stream;
  IF NOT FOUND THEN RETURN; END IF;
  SELECT count(*), max(e.revision), max(e.position) INTO v_matched, v_revision, v_position
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS j(ev, n)
    JOIN ${s}.events e ON e.event_id = (j.ev->>'id')::uuid
     AND e.stream_name = p_stream AND e.revision = v_first + j.n - 1;
  IF v_matched = jsonb_array_length(p_events) AND (
       p_expected IN ('any', 'stream_exists')
    OR (p_expected = 'no_stream' AND (v_first = 0 OR v_first = p_deleted_before))
    OR (p_expected ~ '^[0-9]+$' AND p_expected::bigint = v_first - 1)) THEN
    RETURN QUERY SELECT v_revision, v_position;
    RETURN;
  END IF;
  -- Some ids were already written, but not as this exact append: a conflict, never a partial write.
  PERFORM ${s}.raise_wrong_expected(p_stream, p_expected, p_last);
END $fn$;

CREATE FUNCTION ${s}.append_to_stream(p_stream text, p_expected text, p_events jsonb)
RETURNS TABLE (next_expected_revision bigint, last_position bigint) LANGUAGE plpgsql AS $fn$
DECLARE
  v_count int := jsonb_array_length(p_events);
  v_stream ${s}.streams%ROWTYPE;
  v_last bigint;
  v_tx bigint;
  v_base bigint;
  v_ordinal bigint;
BEGIN
  IF v_count > 65536 THEN
    RAISE EXCEPTION 'at most 65536 events per transaction, got %', v_count USING ERRCODE = 'ES413';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('${s}'), hashtext(p_stream));
  SELECT * INTO v_stream FROM ${s}.streams WHERE stream_name = p_stream;
  IF v_stream.tombstoned THEN
    RAISE EXCEPTION 'stream % is tombstoned', p_stream USING ERRCODE = 'ES410';
  END IF;
  v_last := COALESCE(v_stream.last_revision, -1);
  IF v_count > 0 THEN
    RETURN QUERY SELECT * FROM ${s}.replayed_append(
      p_stream, p_expected, p_events, v_last, COALESCE(v_stream.deleted_before, 0));
    IF FOUND THEN RETURN; END IF;
  END IF;
  PERFORM ${s}.assert_expected(p_stream, p_expected, v_last, v_last >= 0 AND v_stream.deleted_before > v_last);
  IF v_count = 0 THEN
    RETURN QUERY SELECT v_last, COALESCE(v_stream.last_position, -1);
    RETURN;
  END IF;

  v_tx := pg_current_xact_id()::text::bigint;
  v_base := v_tx << 16;
  IF v_stream.last_position >= v_base + 65536 THEN
    RAISE EXCEPTION 'stream % was appended by a newer transaction; retry this transaction', p_stream
      USING ERRCODE = '40001';
  END IF;
  SELECT COALESCE(max(e.position) - v_base + 1, 0) INTO v_ordinal
    FROM ${s}.events e WHERE e.position >= v_base AND e.position < v_base + 65536;
  IF v_ordinal + v_count > 65536 THEN
    RAISE EXCEPTION 'at most 65536 events per transaction' USING ERRCODE = 'ES413';
  END IF;

  INSERT INTO ${s}.events (position, tx_id, event_id, stream_name, revision, type, data, metadata, tenant_id)
  SELECT v_base + v_ordinal + j.n - 1, pg_current_xact_id(), (j.ev->>'id')::uuid, p_stream, v_last + j.n,
         j.ev->>'type', j.ev->'data', j.ev->'metadata', j.ev->'metadata'->>'tenantId'
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS j(ev, n);
  INSERT INTO ${s}.streams (stream_name, last_revision, last_position)
  VALUES (p_stream, v_last + v_count, v_base + v_ordinal + v_count - 1)
  ON CONFLICT (stream_name) DO UPDATE
    SET last_revision = EXCLUDED.last_revision, last_position = EXCLUDED.last_position;
  -- Delivered on commit only; identical payloads within a transaction are folded into one.
  PERFORM pg_notify('${appendChannel(s)}', '');
  RETURN QUERY SELECT v_last + v_count, v_base + v_ordinal + v_count - 1;
END $fn$;
`,
};
