import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '@orch/testing';
import { ended, freePort, spawnApi, tempDataDir } from './api-child';
import { stopOrphanedOpencode } from './orphaned-opencode';

export { freePort } from './api-child';

export interface RunningApi {
  readonly baseUrl: string;
  readonly adminKey: string;
  readonly databaseUrl: string;
  readonly output: () => string;
  /** null while it runs. */
  readonly exitCode: () => number | null;
  /** Its data directory (workspaces, generated secrets): a fresh temp dir unless ORCH_DATA_DIR was given. */
  readonly dataDir: string;
  stop(): Promise<void>;
  /** Kills the process with `signal` (SIGKILL: no shutdown at all) and waits for it to be gone; the database stays. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface StartOptions {
  /** Join this database instead of creating one (another process of the same deployment); not dropped on stop. */
  readonly databaseUrl?: string;
  /** The bootstrap admin key; processes sharing a database share it. */
  readonly adminKey?: string;
  /** Keep the database (and a given data dir) when this process stops: another process takes over. */
  readonly keepDatabase?: boolean;
}

/** Starts the real api process (as `npm start` does), on its own fresh database unless told to join one. */
export async function startApi(env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningApi> {
  const database = options.databaseUrl === undefined ? await createTestDatabase() : { connectionString: options.databaseUrl, drop: async () => undefined };
  const port = await freePort();
  const adminKey = options.adminKey ?? `orch_test_${randomBytes(24).toString('base64url')}`;
  const given = env['ORCH_DATA_DIR'];
  const ownDataDir = given === undefined ? tempDataDir('orch-e2e-') : undefined;
  const dataDir = ownDataDir?.path ?? String(given);
  const { child, output } = await spawnApi({ DATABASE_URL: database.connectionString, PORT: String(port), ORCH_BOOTSTRAP_ADMIN_KEY: adminKey, ORCH_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env }).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    adminKey,
    databaseUrl: database.connectionString,
    output,
    exitCode: () => child.exitCode,
    dataDir,
    async stop() {
      await ended(child);
      if (options.keepDatabase) return;
      await database.drop();
      if (ownDataDir) stopOrphanedOpencode(ownDataDir.path);
      ownDataDir?.remove();
    },
    async kill(signal) {
      await ended(child, signal);
    },
  };
}
