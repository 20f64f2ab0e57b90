import { Client } from 'pg';

export interface StoredEvent {
  readonly type: string;
  readonly revision: number;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

/**
 * Reads the api's event table directly: the auditor's view of what a request appended or did not.
 * (A global read would wait behind other open transactions; these queries do not.)
 */
export async function openEventLog(databaseUrl: string) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  return {
    async count(): Promise<number> {
      const { rows } = await db.query<{ count: string }>('SELECT count(*) FROM event_store.events');
      return Number(rows[0].count);
    },
    /** Events whose actor starts with the prefix, e.g. `user:` (what keys did, not the engine). */
    async countByActor(prefix: string): Promise<number> {
      const { rows } = await db.query<{ count: string }>(
        "SELECT count(*) FROM event_store.events WHERE starts_with(metadata->>'actor', $1)",
        [prefix],
      );
      return Number(rows[0].count);
    },
    async stream(streamName: string): Promise<StoredEvent[]> {
      const { rows } = await db.query<StoredEvent & { revision: string }>(
        'SELECT type, revision, data, metadata FROM event_store.events WHERE stream_name = $1 ORDER BY revision',
        [streamName],
      );
      return rows.map((row) => ({ ...row, revision: Number(row.revision) }));
    },
    close: () => db.end(),
  };
}
