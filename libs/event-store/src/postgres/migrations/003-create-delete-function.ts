import { type Migration } from './migration';

/**
 * delete_stream(stream, expected, hard): soft delete hides every event written so far (later
 * appends continue the revisions); hard delete tombstones the stream for good. Events stay in the
 * global log either way, as in EventStoreDB before a scavenge: subscribers never see a hole.
 * Takes the same per-stream lock as appends, so the expected-state check cannot race one.
 */
export const createDeleteFunction: Migration = {
  version: 3,
  name: 'create-delete-function',
  sql: (s) => `
CREATE FUNCTION ${s}.delete_stream(p_stream text, p_expected text, p_hard boolean)
RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  v_stream ${s}.streams%ROWTYPE;
  v_last bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('${s}'), hashtext(p_stream));
  SELECT * INTO v_stream FROM ${s}.streams WHERE stream_name = p_stream;
  IF v_stream.tombstoned THEN
    RAISE EXCEPTION 'stream % is tombstoned', p_stream USING ERRCODE = 'ES410';
  END IF;
  v_last := COALESCE(v_stream.last_revision, -1);
  PERFORM ${s}.assert_expected(p_stream, p_expected, v_last, v_last >= 0 AND v_stream.deleted_before > v_last);
  INSERT INTO ${s}.streams (stream_name, deleted_before, tombstoned)
  VALUES (p_stream, v_last + 1, p_hard)
  ON CONFLICT (stream_name) DO UPDATE
    SET deleted_before = EXCLUDED.deleted_before, tombstoned = EXCLUDED.tombstoned;
END $fn$;
`,
};
