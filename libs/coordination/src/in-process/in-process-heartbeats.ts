import { HEARTBEAT_TTL_MS, type Heartbeats } from '@orch/application';

export interface InProcessHeartbeatsOptions {
  /** Milliseconds since the epoch; tests pass a clock they move. Default `Date.now`. */
  readonly now?: () => number;
  /** How long an entry lives after a beat; default HEARTBEAT_TTL_MS (90 s). */
  readonly ttlMs?: number;
}

/** Heartbeats of one node (no REDIS_URL): the same contract as RedisHeartbeats, kept in a Map. */
export class InProcessHeartbeats implements Heartbeats {
  private readonly seen = new Map<string, { readonly at: string; readonly expiresAtMs: number }>();
  private readonly now: () => number;
  private readonly ttlMs: number;

  constructor(options: InProcessHeartbeatsOptions = {}) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? HEARTBEAT_TTL_MS;
  }

  async beat(agentId: string, at: string): Promise<void> {
    this.seen.set(agentId, { at, expiresAtMs: this.now() + this.ttlMs });
  }

  async lastSeen(agentId: string): Promise<string | undefined> {
    return this.live(agentId);
  }

  async liveAmong(agentIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const live = new Map<string, string>();
    for (const agentId of agentIds) {
      const at = this.live(agentId);
      if (at !== undefined) live.set(agentId, at);
    }
    return live;
  }

  async close(): Promise<void> {
    this.seen.clear();
  }

  /** An entry lapsed is forgotten the first time it is looked at, as Redis would have expired it. */
  private live(agentId: string): string | undefined {
    const entry = this.seen.get(agentId);
    if (entry === undefined) return undefined;
    if (entry.expiresAtMs > this.now()) return entry.at;
    this.seen.delete(agentId);
    return undefined;
  }
}
