import { type ExpectedRevision, StreamDeletedError, type StreamMetadata } from '@orch/application';
import { type Queryable } from './append';
import { nonNegative } from './read-stream';
import { expectedToSql, mapStoreError } from './sql-errors';

/** Only the known keys are stored, validated, so a read's SQL can cast them without failing. */
export function normaliseMetadata(metadata: StreamMetadata): StreamMetadata {
  const positive = (value: number | undefined, what: string): number | undefined => {
    if (value === undefined) return undefined;
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${what} must be a positive integer`);
    return value;
  };
  return {
    ...(metadata.maxAge !== undefined && { maxAge: positive(metadata.maxAge, 'maxAge') }),
    ...(metadata.maxCount !== undefined && { maxCount: positive(metadata.maxCount, 'maxCount') }),
    ...(metadata.truncateBefore !== undefined && {
      truncateBefore: nonNegative(metadata.truncateBefore, 'truncateBefore'),
    }),
  };
}

export async function getMetadata(db: Queryable, schema: string, streamName: string): Promise<StreamMetadata> {
  const { rows } = await db.query<{ metadata: StreamMetadata; tombstoned: boolean }>(
    `SELECT metadata, tombstoned FROM ${schema}.streams WHERE stream_name = $1`,
    [streamName],
  );
  const [row] = rows;
  if (row?.tombstoned) throw new StreamDeletedError(streamName);
  return row ? normaliseMetadata(row.metadata) : {};
}

/** Replaces the stream's metadata; the stream need not exist yet (it still reads as no_stream). */
export async function setMetadata(
  db: Queryable,
  schema: string,
  streamName: string,
  metadata: StreamMetadata,
): Promise<void> {
  const { rowCount } = await db.query(
    `INSERT INTO ${schema}.streams AS st (stream_name, metadata) VALUES ($1, $2::jsonb)
     ON CONFLICT (stream_name) DO UPDATE SET metadata = EXCLUDED.metadata WHERE NOT st.tombstoned`,
    [streamName, JSON.stringify(normaliseMetadata(metadata))],
  );
  if (rowCount === 0) throw new StreamDeletedError(streamName);
}

export async function deleteStream(
  db: Queryable,
  schema: string,
  streamName: string,
  expected: ExpectedRevision,
  hard: boolean,
): Promise<void> {
  try {
    await db.query(`SELECT ${schema}.delete_stream($1, $2, $3)`, [streamName, expectedToSql(expected), hard]);
  } catch (error) {
    throw mapStoreError(error, streamName, expected);
  }
}
