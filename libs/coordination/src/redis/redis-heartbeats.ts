import { HEARTBEAT_TTL_MS, type Heartbeats } from '@orch/application';
import { RedisConnection } from './redis-connection';

export interface RedisHeartbeatsOptions {
  readonly redisUrl: string;
  /** Prefix of every key; default `orch:`. */
  readonly keyPrefix?: string;
  /** How long an entry lives after a beat; default HEARTBEAT_TTL_MS (90 s, DOMAIN.md §4.3). Tests shorten it. */
  readonly ttlMs?: number;
  /** Reply and first-connection timeout before CoordinationUnavailableError; default 1000 ms. */
  readonly timeoutMs?: number;
}

/**
 * Heartbeats on Redis: one key per agent holding when it was seen, set with a PX expiry, so every
 * api node sees every beat and Redis forgets an agent that stopped beating.
 */
export class RedisHeartbeats implements Heartbeats {
  private readonly connection: RedisConnection;
  private readonly prefix: string;
  private readonly ttlMs: number;

  constructor(options: RedisHeartbeatsOptions) {
    this.prefix = options.keyPrefix ?? 'orch:';
    this.ttlMs = options.ttlMs ?? HEARTBEAT_TTL_MS;
    this.connection = new RedisConnection({
      redisUrl: options.redisUrl,
      connectionName: `orch-heartbeats:${this.prefix}`,
      timeoutMs: options.timeoutMs,
    });
  }

  async beat(agentId: string, at: string): Promise<void> {
    await this.connection.run('beat', (client) => client.set(this.keyOf(agentId), at, 'PX', this.ttlMs));
  }

  async lastSeen(agentId: string): Promise<string | undefined> {
    return (await this.connection.run('lastSeen', (client) => client.get(this.keyOf(agentId)))) ?? undefined;
  }

  /** One MGET, however many agents are asked about. */
  async liveAmong(agentIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    if (agentIds.length === 0) return new Map();
    const seen = await this.connection.run('liveAmong', (client) => client.mget(agentIds.map((id) => this.keyOf(id))));
    const live = new Map<string, string>();
    agentIds.forEach((agentId, index) => {
      const at = seen[index];
      if (at !== null && at !== undefined) live.set(agentId, at);
    });
    return live;
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  private keyOf(agentId: string): string {
    return `${this.prefix}heartbeat:${agentId}`;
  }
}
