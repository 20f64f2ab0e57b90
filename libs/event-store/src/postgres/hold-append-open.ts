import { type AppendResult, type EventToAppend, type ExpectedRevision } from '@orch/application';
import { type Pool } from 'pg';
import { appendEvents } from './append';
import { DEFAULT_SCHEMA } from './schema-name';

export interface HeldAppend {
  /** Another append inside the same, still open, transaction. */
  append(streamName: string, events: readonly EventToAppend[], expected?: ExpectedRevision): Promise<AppendResult>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** What the first append returned. */
  readonly result: AppendResult;
}

/**
 * For tests: BEGIN, call the append function, and keep the transaction open. Subscribers must not
 * deliver anything committed after it began until it ends: the store's worst case, on purpose.
 */
export async function holdAppendOpen(
  target: { readonly pool: Pool; readonly schema?: string },
  streamName: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision = 'any',
): Promise<HeldAppend> {
  const schema = target.schema ?? DEFAULT_SCHEMA;
  const client = await target.pool.connect();
  let open = true;
  const end = async (sql: 'COMMIT' | 'ROLLBACK'): Promise<void> => {
    if (!open) return;
    open = false;
    try {
      await client.query(sql);
    } finally {
      client.release();
    }
  };
  try {
    await client.query('BEGIN');
    const result = await appendEvents(client, schema, streamName, events, expected);
    return {
      result,
      append: (stream, more, expectedRevision) => appendEvents(client, schema, stream, more, expectedRevision),
      commit: () => end('COMMIT'),
      rollback: () => end('ROLLBACK'),
    };
  } catch (error) {
    await end('ROLLBACK');
    throw error;
  }
}
