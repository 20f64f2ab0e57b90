/**
 * Agent heartbeats are not events (DOMAIN.md §4.3): each sets a key that lives 90 s in the
 * coordination store (Redis, or in-process). Only the facts that matter — went offline, came back —
 * become events, sent by the engine's agent supervisor. Every adapter passes `heartbeatsContract`.
 * Calls reject with CoordinationUnavailableError (leases.port.ts) while the store is unreachable.
 */
export const HEARTBEAT_TTL_MS = 90_000;

export interface Heartbeats {
  /** Records that the agent was seen at `at` (ISO 8601 UTC); the entry lives `HEARTBEAT_TTL_MS` from now. */
  beat(agentId: string, at: string): Promise<void>;
  /** When the agent was last seen, or undefined once its entry lapsed (or it never beat). */
  lastSeen(agentId: string): Promise<string | undefined>;
  /** The agents of `agentIds` whose entries are live, with when each was seen. */
  liveAmong(agentIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
  close(): Promise<void>;
}
