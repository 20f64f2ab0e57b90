import { type AppendResult, type EventToAppend, type ExpectedRevision } from '@orch/application';
import { type Pool, type PoolClient } from 'pg';
import { withDigests } from '../chain/chain-hash';
import { toSafeNumber } from './row-mapping';
import { expectedToSql, mapStoreError } from './sql-errors';

export type Queryable = Pool | PoolClient;

interface AppendRow {
  readonly next_expected_revision: string;
  readonly last_position: string;
}

/**
 * One round trip: the append function locks the stream, checks the expected state, handles an
 * idempotent re-send and inserts the whole batch. On a pool it is its own transaction; on a client
 * inside BEGIN it joins that transaction (see hold-append-open.ts).
 */
export async function appendEvents(
  db: Queryable,
  schema: string,
  streamName: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision = 'any',
): Promise<AppendResult> {
  // Each event carries its content digest; the append function links it into the stream's chain.
  const payload = JSON.stringify(withDigests(events).map(({ id, type, data, metadata }) => ({ id, type, data, metadata })));
  try {
    const { rows } = await db.query<AppendRow>(
      `SELECT next_expected_revision, last_position FROM ${schema}.append_to_stream($1, $2, $3::jsonb)`,
      [streamName, expectedToSql(expected), payload],
    );
    const [row] = rows;
    if (!row) throw new Error(`append_to_stream returned no row for ${streamName}`);
    return {
      nextExpectedRevision: toSafeNumber(row.next_expected_revision, 'revision'),
      position: toSafeNumber(row.last_position, 'position'),
    };
  } catch (error) {
    throw mapStoreError(error, streamName, expected);
  }
}
