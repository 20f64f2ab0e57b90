import type { Heartbeats, Leases } from '@orch/application';
import { InProcessHeartbeats } from './in-process/in-process-heartbeats';
import { InProcessLeases } from './in-process/in-process-leases';
import { RedisHeartbeats } from './redis/redis-heartbeats';
import { RedisLeases } from './redis/redis-leases';

export interface CoordinationConfig {
  /** `REDIS_URL`: when set, leases and heartbeats live in Redis, shared by every node (DESIGN.md §5). */
  readonly redisUrl?: string;
  /** Separates deployments (and tests) sharing one Redis; default `orch:`. */
  readonly keyPrefix?: string;
  /** How long a heartbeat keeps an agent live; default HEARTBEAT_TTL_MS (90 s). `ORCH_AGENT_HEARTBEAT_TIMEOUT_MS`. */
  readonly heartbeatTtlMs?: number;
}

export interface Coordination {
  readonly leases: Leases;
  readonly heartbeats: Heartbeats;
  /** Closes both (their Redis connections); call once, on shutdown. */
  close(): Promise<void>;
}

/** Redis when a URL is given, else the in-process equivalents (one node). Connects lazily, never throws for Redis being down. */
export function createCoordination(config: CoordinationConfig = {}): Coordination {
  const { redisUrl, keyPrefix, heartbeatTtlMs: ttlMs } = config;
  const leases = redisUrl ? new RedisLeases({ redisUrl, keyPrefix }) : new InProcessLeases();
  const heartbeats = redisUrl ? new RedisHeartbeats({ redisUrl, keyPrefix, ttlMs }) : new InProcessHeartbeats({ ttlMs });
  return {
    leases,
    heartbeats,
    close: async () => {
      await Promise.all([leases.close(), heartbeats.close()]);
    },
  };
}
