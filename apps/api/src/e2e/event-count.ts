import { Client } from 'pg';

/**
 * Counts the rows of the api's event table directly: the auditor's view of what a request
 * appended or did not. (A global read would wait behind other open transactions; a count does not.)
 */
export async function openEventLog(databaseUrl: string): Promise<{ count(): Promise<number>; close(): Promise<void> }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  return {
    async count() {
      const { rows } = await db.query<{ count: string }>('SELECT count(*) FROM event_store.events');
      return Number(rows[0].count);
    },
    close: () => db.end(),
  };
}
