import type { EventStore, Ids } from '@orch/application';
import type { ApiKeyIssued } from '@orch/domain-access';
import { hashesMatch, hashKey, keyIdFromSecret } from './key-secret';
import type { Principal } from './principal';

interface CachedKey {
  readonly principal: Principal | undefined;
  readonly keyHash: string | undefined;
  readonly expiresAt: string | undefined;
  readonly cachedAt: number;
}

/** How long a looked-up key is trusted before its stream is read again (revocation delay). */
const CACHE_MS = 2_000;
const MAX_CACHED = 10_000;

/**
 * Resolves an API key secret to its principal by reading the key's own stream: the id is inside
 * secrets we issue; a key given from outside (the bootstrap admin key) has an id derived from its
 * hash. A stream read sees a committed append at once, so a new key works the moment it is issued.
 */
export class ApiKeyDirectory {
  private readonly cache = new Map<string, CachedKey>();

  constructor(
    private readonly store: EventStore,
    private readonly ids: Ids,
  ) {}

  /** The key id for a secret: embedded, or derived from its hash for keys we did not generate. */
  keyIdFor(secret: string): string {
    return keyIdFromSecret(secret) ?? this.ids.derive(`apikey-by-hash/${hashKey(secret)}`);
  }

  async find(secret: string, now: string): Promise<Principal | undefined> {
    const keyHash = hashKey(secret);
    let entry = this.cache.get(keyHash);
    if (!entry || Date.now() - entry.cachedAt > CACHE_MS) {
      entry = await this.load(this.keyIdFor(secret));
      this.remember(keyHash, entry);
    }
    if (!entry.principal || !entry.keyHash || !hashesMatch(entry.keyHash, keyHash)) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= now) return undefined;
    return entry.principal;
  }

  /** Drops a key from the cache so a revocation through this instance applies at once. */
  forget(apiKeyId: string): void {
    for (const [hash, entry] of this.cache) {
      if (entry.principal?.apiKeyId === apiKeyId) this.cache.delete(hash);
    }
  }

  async exists(apiKeyId: string): Promise<boolean> {
    return (await this.store.readStream(`apikey-${apiKeyId}`, { maxCount: 1 })).length > 0;
  }

  private async load(apiKeyId: string): Promise<CachedKey> {
    const events = await this.store.readStream(`apikey-${apiKeyId}`);
    const issued = events.find((event) => event.type === 'ApiKeyIssued')?.data as ApiKeyIssued['data'] | undefined;
    const revoked = events.some((event) => event.type === 'ApiKeyRevoked');
    if (!issued || revoked) return { principal: undefined, keyHash: undefined, expiresAt: undefined, cachedAt: Date.now() };
    const principal: Principal = {
      apiKeyId: issued.apiKeyId,
      tenantId: issued.tenantId,
      role: issued.role,
      ...(issued.agentId === undefined ? {} : { agentId: issued.agentId }),
    };
    return { principal, keyHash: issued.keyHash, expiresAt: issued.expiresAt, cachedAt: Date.now() };
  }

  private remember(keyHash: string, entry: CachedKey): void {
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(keyHash, entry);
  }
}
