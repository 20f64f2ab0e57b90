/**
 * Agent heartbeats are not events (DOMAIN.md §4.3): each sets a key that lives 90 s. This is the
 * in-process store used without Redis; the Redis one keeps the same contract across instances.
 */
export interface HeartbeatStore {
  beat(agentId: string, at: string): Promise<void>;
  lastSeen(agentId: string): Promise<string | undefined>;
}

export const HEARTBEAT_TTL_MS = 90_000;

export class InProcessHeartbeats implements HeartbeatStore {
  private readonly seen = new Map<string, { at: string; expires: number }>();

  async beat(agentId: string, at: string): Promise<void> {
    this.seen.set(agentId, { at, expires: Date.parse(at) + HEARTBEAT_TTL_MS });
  }

  async lastSeen(agentId: string): Promise<string | undefined> {
    const entry = this.seen.get(agentId);
    if (!entry || entry.expires <= Date.now()) return undefined;
    return entry.at;
  }
}
