import { appendChannel } from '../schema-name';
import { type Migration } from './migration';

/**
 * Tamper evidence (DESIGN.md §7): append_to_stream now links each event into its stream's hash chain
 * while it holds the stream's advisory lock, so the chain is correct for batches and for concurrent
 * writers whatever expected revision they pass: the previous hash is read from the stream's last row
 * (no separate state that could drift) and each event of the batch links to the one before.
 *
 * The adapter sends every event with `metadata.chain.digest` = sha256 of its canonical content
 * (computed in Node, see chain/chain-hash.ts); here hash = sha256(prev || '\n' || revision || '\n' ||
 * digest || '\n' || stream) and metadata.chain becomes { digest, prev, hash }. An idempotent re-send
 * still returns the first result before anything is sealed. Unchanged otherwise (see 002).
 */
export const sealAppendedEvents: Migration = {
  version: 4,
  name: 'seal-appended-events',
  sql: (s) => `
CREATE OR REPLACE FUNCTION ${s}.append_to_stream(p_stream text, p_expected text, p_events jsonb)
RETURNS TABLE (next_expected_revision bigint, last_position bigint) LANGUAGE plpgsql AS $fn$
DECLARE
  v_count int := jsonb_array_length(p_events);
  v_stream ${s}.streams%ROWTYPE;
  v_last bigint;
  v_tx bigint;
  v_base bigint;
  v_ordinal bigint;
  v_prev text;
  v_sealed jsonb[] := ARRAY[]::jsonb[];
  v_event jsonb;
  v_digest text;
  v_hash text;
  v_n int;
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

  -- The chain continues from the stream's last row (soft-deleted rows stay, so it never restarts).
  SELECT e.metadata->'chain'->>'hash' INTO v_prev FROM ${s}.events e
   WHERE e.stream_name = p_stream AND e.revision = v_last;
  FOR v_n IN 0 .. v_count - 1 LOOP
    v_event := p_events->v_n;
    v_digest := v_event->'metadata'->'chain'->>'digest';
    IF v_digest IS NULL OR v_digest !~ '^[0-9a-f]{64}$' THEN
      RAISE EXCEPTION 'event % carries no chain digest', v_event->>'id' USING ERRCODE = 'ES422';
    END IF;
    v_hash := encode(sha256(convert_to(
      COALESCE(v_prev, '') || E'\\n' || (v_last + v_n + 1)::text || E'\\n' || v_digest || E'\\n' || p_stream, 'UTF8')), 'hex');
    v_sealed := array_append(v_sealed, jsonb_set(v_event, '{metadata,chain}',
      jsonb_build_object('digest', v_digest, 'prev', v_prev, 'hash', v_hash)));
    v_prev := v_hash;
  END LOOP;

  INSERT INTO ${s}.events (position, tx_id, event_id, stream_name, revision, type, data, metadata, tenant_id)
  SELECT v_base + v_ordinal + j.n - 1, pg_current_xact_id(), (j.ev->>'id')::uuid, p_stream, v_last + j.n,
         j.ev->>'type', j.ev->'data', j.ev->'metadata', j.ev->'metadata'->>'tenantId'
    FROM unnest(v_sealed) WITH ORDINALITY AS j(ev, n);
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
