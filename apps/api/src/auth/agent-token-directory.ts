import type { EventStore } from '@orch/application';
import type { AgentRegistered, AgentTokenRotated } from '@orch/domain-agent';
import { hashesMatch, hashKey } from './key-secret';
import type { Principal } from './principal';

const TOKEN_FORMAT = /^orch_agent_([0-9a-f]{32})_[A-Za-z0-9_-]{43}$/;
/** How long a looked-up agent is trusted before its stream is read again (a rotation on another node). */
const CACHE_MS = 2_000;
const MAX_CACHED = 10_000;

interface CachedAgent {
  readonly tenantId: string | undefined;
  readonly tokenHash: string | undefined;
  readonly cachedAt: number;
}

/**
 * Resolves an http agent's registration token (External Agent Protocol) to a principal: role
 * `agent`, that agent, its tenant, credential `agent_token`. The agent id is inside the token; the
 * current token hash comes from the agent's stream (registration, then the latest rotation), compared
 * in constant time. A rotated token, or a deregistered agent, resolves to nothing.
 */
export class AgentTokenDirectory {
  private readonly cache = new Map<string, CachedAgent>();

  constructor(private readonly store: EventStore) {}

  /** Whether the secret has the shape of an agent token (else it is an API key). */
  static isAgentToken(secret: string): boolean {
    return secret.startsWith('orch_agent_');
  }

  async find(secret: string): Promise<Principal | undefined> {
    const hex = TOKEN_FORMAT.exec(secret)?.[1];
    if (hex === undefined) return undefined;
    const agentId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    let entry = this.cache.get(agentId);
    if (entry === undefined || Date.now() - entry.cachedAt > CACHE_MS) {
      entry = await this.load(agentId);
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(agentId, entry);
    }
    if (entry.tenantId === undefined || entry.tokenHash === undefined || !hashesMatch(entry.tokenHash, hashKey(secret))) return undefined;
    return { apiKeyId: `agent-token:${agentId}`, tenantId: entry.tenantId, role: 'agent', agentId, credential: 'agent_token' };
  }

  /** Drops an agent from the cache so a rotation through this instance applies at once. */
  forget(agentId: string): void {
    this.cache.delete(agentId);
  }

  private async load(agentId: string): Promise<CachedAgent> {
    let tenantId: string | undefined;
    let tokenHash: string | undefined;
    for (const event of await this.store.readStream(`agent-${agentId}`)) {
      if (event.type === 'AgentRegistered') {
        const data = event.data as AgentRegistered['data'];
        tenantId = data.tenantId;
        tokenHash = data.runtime.kind === 'http' ? data.runtime.config.tokenHash : undefined;
      } else if (event.type === 'AgentTokenRotated') tokenHash = (event.data as AgentTokenRotated['data']).tokenHash;
      else if (event.type === 'AgentDeregistered') tokenHash = undefined;
    }
    return { tenantId, tokenHash, cachedAt: Date.now() };
  }
}
