import { Logger } from '@nestjs/common';
import type { ChangeNotifier, EventStore, GlobalPosition } from '@orch/application';
import { LiveHub } from '@orch/live';
import { createChangeNotifier, DEFAULT_READ_MODEL_SCHEMA } from '@orch/read-models';
import { Pool } from 'pg';
import type { AppConfig } from '../config';

export interface LiveHubResources {
  readonly hub: LiveHub;
  close(): Promise<void>;
}

/**
 * This instance's LiveHub: the store's global feed, gated by the projector checkpoints in the
 * read-model schema (wherever the projector role runs) and woken by the change notifier the
 * projectors publish on (Redis when configured, PostgreSQL NOTIFY otherwise).
 */
export async function startLiveHub(config: AppConfig, store: EventStore, connectionString: string, shared?: ChangeNotifier): Promise<LiveHubResources> {
  const logger = new Logger('LiveHub');
  const pool = new Pool({ connectionString, max: 2, application_name: 'orch-live-checkpoints' });
  pool.on('error', () => undefined);
  // A checked-out client whose connection the server drops (restart) emits 'error' too: the query in flight
  // fails with it; without a listener the process would crash.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const notifier: ChangeNotifier = shared ?? createChangeNotifier({ connectionString, redisUrl: config.redisUrl, keyPrefix: config.redisKeyPrefix });
  const hub = new LiveHub({
    store,
    notifier,
    recent: config.live.recentEntries,
    readCheckpoints: () => readCheckpoints(pool),
    logger: { warn: (fields, message) => logger.warn(`${message} ${JSON.stringify(fields)}`) },
  });
  await hub.start();
  return {
    hub,
    async close() {
      await hub.stop();
      if (!shared) await notifier.close();
      await pool.end();
    },
  };
}

async function readCheckpoints(pool: Pool): Promise<Record<string, GlobalPosition | null>> {
  const { rows } = await pool.query<{ projector: string; position: string | null }>(
    `SELECT projector, position FROM ${DEFAULT_READ_MODEL_SCHEMA}.projector_checkpoints`,
  );
  return Object.fromEntries(rows.map((row) => [row.projector, row.position === null ? null : Number(row.position)]));
}
