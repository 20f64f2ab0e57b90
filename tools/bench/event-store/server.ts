import { DEFAULT_TEST_DATABASE_URL } from '@orch/testing';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Client } from 'pg';

const SETTINGS = ['synchronous_commit', 'fsync', 'shared_buffers', 'max_wal_size'];

export const adminUrl = (): string => process.env['TEST_DATABASE_URL'] || DEFAULT_TEST_DATABASE_URL;

async function withAdmin<T>(use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** CPU, cores, memory, Node and the PostgreSQL server with the settings that bound commit rates. */
export async function describeMachine(): Promise<string[]> {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? '?';
  const { version, settings } = await withAdmin(async (client) => {
    const { rows } = await client.query<{ version: string; settings: string }>(
      `SELECT version() AS version,
              string_agg(name || '=' || current_setting(name), ', ' ORDER BY ordinality) AS settings
         FROM unnest($1::text[]) WITH ORDINALITY AS s(name, ordinality)`,
      [SETTINGS],
    );
    return rows[0] ?? { version: '?', settings: '?' };
  });
  return [
    `CPU:        ${cpu}, ${os.cpus().length} cores`,
    `Memory:     ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `OS:         ${os.type()} ${os.release()}`,
    `Node:       ${process.version}`,
    `PostgreSQL: ${version.split(' on ')[0] ?? version} at ${new URL(adminUrl()).host}, same machine`,
    `            ${settings}`,
  ];
}

/** Starts every workload from a fresh checkpoint, so none pays for the previous one's dirty pages. */
export async function checkpoint(): Promise<void> {
  await withAdmin((client) => client.query('CHECKPOINT'));
}

/**
 * Other sessions on the server that can skew a run: any busy one shares the CPU and the disk, and
 * one holding a transaction id holds back the snapshot xmin, which is cluster-wide, so our
 * subscribers (which only read below it) deliver nothing newer until that transaction ends.
 */
export async function otherActivity(ownDatabase: string): Promise<string[]> {
  return withAdmin(async (client) => {
    const { rows } = await client.query<{ line: string }>(
      `SELECT format('pid %s in %s: %s for %s%s', pid, datname, state,
                     date_trunc('second', now() - coalesce(xact_start, query_start)),
                     CASE WHEN backend_xid IS NOT NULL
                          THEN format(', holding xid %s: no subscriber sees later commits until it ends', backend_xid)
                          ELSE '' END) AS line
         FROM pg_stat_activity
        WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'
          AND state <> 'idle' AND datname IS DISTINCT FROM $1`,
      [ownDatabase],
    );
    return rows.map((row) => row.line);
  });
}

/**
 * Waits, up to maxWaitMs, until no session of another database has held a transaction id for over
 * a second: such a transaction would stall the lag run, measuring it instead of our store.
 * Returns whether the server is clear.
 */
export async function waitForClearHorizon(
  ownDatabase: string,
  maxWaitMs: number,
  onWait: () => void,
): Promise<boolean> {
  const deadline = Date.now() + maxWaitMs;
  for (let attempt = 0; ; attempt += 1) {
    const holders = await withAdmin(async (client) => {
      const { rows } = await client.query<{ count: string }>(
        `SELECT count(*) AS count FROM pg_stat_activity
          WHERE pid <> pg_backend_pid() AND backend_xid IS NOT NULL
            AND now() - xact_start > interval '1 second' AND datname IS DISTINCT FROM $1`,
        [ownDatabase],
      );
      return Number(rows[0]?.count ?? 0);
    });
    if (holders === 0) return true;
    if (Date.now() >= deadline) return false;
    if (attempt === 0) onWait();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
