import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@orch/testing';
import { ended, freePort, spawnApi, tempDataDir } from './api-child';

export interface ApiNode {
  /** `http://127.0.0.1:<port>` (the SDK adds /api/v1). */
  readonly origin: string;
  readonly baseUrl: string;
  readonly output: () => string;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /** SIGKILL and wait: a crash, nothing flushed. */
  kill(): Promise<void>;
}

/**
 * One api process on a database the caller owns, so several can share it (a cluster) or one
 * can be restarted on it. The admin key is seeded by the first process to start.
 */
export async function startApiNode(databaseUrl: string, adminKey: string, env: Record<string, string> = {}): Promise<ApiNode> {
  const port = await freePort();
  // Its own data directory (workspaces, generated secrets) unless the caller shares one; removed when it exits.
  const ownDataDir = env['ORCH_DATA_DIR'] === undefined ? tempDataDir('orch-node-') : undefined;
  const { child, output } = await spawnApi({ DATABASE_URL: databaseUrl, PORT: String(port), ORCH_BOOTSTRAP_ADMIN_KEY: adminKey, ...(ownDataDir ? { ORCH_DATA_DIR: ownDataDir.path } : {}), ...env }).catch((error: unknown) => {
    ownDataDir?.remove();
    throw error;
  });
  if (ownDataDir) child.once('exit', () => ownDataDir.remove());
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}/api/v1`,
    output,
    stop: () => ended(child, 'SIGTERM'),
    kill: () => ended(child, 'SIGKILL'),
  };
}

export interface ApiCluster {
  readonly database: TestDatabase;
  readonly adminKey: string;
  /** The same settings for every node: a secret key (webhook secrets) and whatever the test adds. */
  readonly env: Record<string, string>;
  start(extra?: Record<string, string>): Promise<ApiNode>;
  stop(): Promise<void>;
}

/** A database and the settings its api nodes share; `stop` ends every node and drops it. */
export async function apiCluster(env: Record<string, string> = {}): Promise<ApiCluster> {
  const database = await createTestDatabase('live_e2e');
  const adminKey = `orch_test_${randomBytes(24).toString('base64url')}`;
  const shared = { ORCH_SECRET_KEY: randomBytes(32).toString('hex'), ...env };
  const nodes: ApiNode[] = [];
  return {
    database,
    adminKey,
    env: shared,
    async start(extra = {}) {
      const node = await startApiNode(database.connectionString, adminKey, { ...shared, ...extra });
      nodes.push(node);
      return node;
    },
    async stop() {
      await Promise.all(nodes.map((node) => node.stop()));
      await database.drop();
    },
  };
}
