import type { ChangeNotifier } from '@orch/application';
import { PostgresChangeNotifier } from './postgres-change-notifier';
import { RedisChangeNotifier } from './redis-change-notifier';

export interface ChangeNotifierConfig {
  /** The read models' PostgreSQL; its NOTIFY carries changes when there is no Redis. */
  readonly connectionString: string;
  /** `REDIS_URL`: when set, changes go over Redis pub/sub instead (DESIGN.md §5). */
  readonly redisUrl?: string;
  /** Separates deployments sharing one Redis. */
  readonly keyPrefix?: string;
}

/** Redis pub/sub when Redis is configured, else PostgreSQL NOTIFY: same contract, same payloads. */
export function createChangeNotifier(config: ChangeNotifierConfig): ChangeNotifier {
  return config.redisUrl
    ? new RedisChangeNotifier({ redisUrl: config.redisUrl, keyPrefix: config.keyPrefix })
    : new PostgresChangeNotifier({ connectionString: config.connectionString });
}
